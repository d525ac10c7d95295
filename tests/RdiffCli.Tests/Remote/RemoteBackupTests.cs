using RdiffCli.Tests.Support;
using RdiffCore.Tests.Support;

namespace RdiffCli.Tests.Remote;

/// <summary>
/// Backups over a real sshd on 127.0.0.1: the tricky mutated tree, five versions, pushed
/// (`SRC host::REPO`, the server runs the engine) and pulled (`host::SRC REPO`, the server walks and
/// reads); every version restores exactly, and rdiff-backup restores and verifies what was pushed.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RemoteBackupTests : SshFixture
{
    private const int Versions = 5;
    private const long FirstSession = 1700000000;

    [Test]
    public void Every_pushed_version_restores_exactly_here_and_with_rdiff_backup()
    {
        Programs.RequireRoot();
        List<List<string>> versions = BackUp(src => src, repo => $"{SshServer.Host}::{repo}");

        for (int v = 0; v < Versions; v++)
        {
            string ours = Temp.Path($"ours-{v}");
            Programs.Succeed(Temp.Root, Programs.Rdiffsharp, "restore", "--at", Session(v).ToString(), Temp.Path("repo"), ours);
            Assert.That(TreeDescription.Of(ours), Is.EqualTo(versions[v]), $"our restore of version {v}");
            string overSsh = Temp.Path($"over-ssh-{v}");
            Programs.Result remote = Programs.Run(Temp.Root, Programs.Rdiffsharp, "restore", "--at", Session(v).ToString(),
                "--remote-schema", Ssh.Schema(Key, Programs.Rdiffsharp), $"{SshServer.Host}::{Temp.Path("repo")}", overSsh);
            Assert.That(remote.Code, Is.Zero, remote.Error);
            Assert.That(TreeDescription.Of(overSsh), Is.EqualTo(versions[v]), $"our restore of version {v} over ssh");
            string theirs = Temp.Path($"theirs-{v}");
            Programs.Succeed(Temp.Root, "rdiff-backup", "restore", "--at", Session(v).ToString(), Temp.Path("repo"), theirs);
            Assert.That(TreeDescription.Of(theirs), Is.EqualTo(versions[v]), $"rdiff-backup's restore of version {v}");
            Programs.Succeed(Temp.Root, "rdiff-backup", "verify", "--at", Session(v).ToString(), Temp.Path("repo"));
        }
    }

    [Test]
    public void Every_pulled_version_restores_exactly()
    {
        Programs.RequireRoot();
        List<List<string>> versions = BackUp(src => $"{SshServer.Host}::{src}", repo => repo);

        for (int v = 0; v < Versions; v++)
        {
            string ours = Temp.Path($"ours-{v}");
            Programs.Succeed(Temp.Root, Programs.Rdiffsharp, "restore", "--at", Session(v).ToString(), Temp.Path("repo"), ours);
            Assert.That(TreeDescription.Of(ours), Is.EqualTo(versions[v]), $"our restore of version {v}");
            string remoteTarget = Temp.Path($"remote-target-{v}");
            Programs.Result into = Run("restore", "--at", Session(v).ToString(), Temp.Path("repo"), $"{SshServer.Host}::{remoteTarget}");
            Assert.That(into.Code, Is.Zero, into.Error);
            Assert.That(TreeDescription.Of(remoteTarget), Is.EqualTo(versions[v]), $"our restore of version {v} into a target over ssh");
        }
        Programs.Succeed(Temp.Root, "rdiff-backup", "verify", Temp.Path("repo"));
    }

    [Test]
    public void A_path_in_a_remote_repository_restores_with_the_rules_and_messages_of_a_local_one()
    {
        Temp.File("src/d/keep", "k");
        Temp.File("src/d/skip", "s");
        Temp.File("src/other", "o");
        Programs.Succeed(Temp.Root, Programs.Rdiffsharp, Temp.Path("src"), Temp.Path("repo"));
        string remote = $"{SshServer.Host}::{Temp.Path("repo")}";

        Programs.Result sub = Run("-r", "now", $"{remote}/d", Temp.Path("d"));
        Assert.That(sub.Code, Is.Zero, sub.Error);
        Assert.That(Directory.GetFiles(Temp.Path("d")).Select(Path.GetFileName), Is.EquivalentTo(new[] { "keep", "skip" }));
        Programs.Result ruled = Run("-r", "now", "--exclude", "**/skip", remote, Temp.Path("ruled"));
        Assert.That(ruled.Code, Is.Zero, ruled.Error);
        Assert.That(Directory.GetFiles(Temp.Path("ruled/d")).Select(Path.GetFileName), Is.EquivalentTo(new[] { "keep" }));

        Programs.Result missing = Run("-r", "now", $"{remote}/nothing", Temp.Path("n"));
        Programs.Result local = Programs.Run(Temp.Root, Programs.Rdiffsharp, "-r", "now", Temp.Path("repo/nothing"), Temp.Path("n"));
        Assert.That((missing.Code, missing.Error.Replace($"the server on {SshServer.Host}: ", "", StringComparison.Ordinal)), Is.EqualTo((local.Code, local.Error)));
        Assert.That(Directory.Exists(Temp.Path("n")), Is.False);

        Directory.CreateDirectory(Temp.Path("full"));
        Temp.File("full/x", "x");
        Programs.Result notEmpty = Run("-r", "now", remote, Temp.Path("full"));
        Assert.That(notEmpty.Code, Is.EqualTo(ExitCodes.Fatal));
        Assert.That(notEmpty.Error, Does.Contain("exists and is not empty; use --force"));
    }

    [Test]
    public void Only_a_read_write_server_takes_a_restore_target()
    {
        Temp.File("src/f", "f");
        Programs.Succeed(Temp.Root, Programs.Rdiffsharp, Temp.Path("src"), Temp.Path("repo"));
        foreach (string mode in new[] { "read-only", "update-only" })
        {
            string key = Ssh.AddKey(forcedCommand: $"env TZ=UTC DOTNET_ROOT={SshServer.DotnetRoot} {Programs.Rdiffsharp} server --restrict-path {Temp.Root} --restrict-mode {mode}");
            Programs.Result result = Programs.Run(Temp.Root, Programs.Rdiffsharp, "-r", "now", "--remote-schema", Ssh.Schema(key, Programs.Rdiffsharp),
                Temp.Path("repo"), $"{SshServer.Host}::{Temp.Path("out")}");
            Assert.That(result.Code, Is.EqualTo(ExitCodes.Fatal), mode);
            Assert.That(result.Error, Does.Contain($"this server is {mode}"), mode);
            Assert.That(Directory.Exists(Temp.Path("out")), Is.False, mode);
        }
        Programs.Result refused = Run("-r", "now", Temp.Path("repo"), $"{SshServer.Host}::{Temp.Path("src")}");
        Assert.That(refused.Error, Does.Contain("exists and is not empty; use --force"));
    }

    [Test]
    public void An_update_only_server_restores_nothing()
    {
        Temp.File("src/secret", "s");
        Programs.Succeed(Temp.Root, Programs.Rdiffsharp, Temp.Path("src"), Temp.Path("repo"));
        string key = Ssh.AddKey(forcedCommand: $"env TZ=UTC DOTNET_ROOT={SshServer.DotnetRoot} {Programs.Rdiffsharp} server --restrict-path {Temp.Root} --restrict-mode update-only");

        Programs.Result result = Programs.Run(Temp.Root, Programs.Rdiffsharp, "-r", "now", "--remote-schema", Ssh.Schema(key, Programs.Rdiffsharp),
            $"{SshServer.Host}::{Temp.Path("repo")}", Temp.Path("out"));

        Assert.That(result.Code, Is.EqualTo(ExitCodes.Fatal));
        Assert.That(result.Error, Does.Contain("this server is update-only"));
        Assert.That(Directory.Exists(Temp.Path("out")), Is.False);
    }

    [Test]
    public void A_pushed_repository_is_the_one_a_local_backup_makes()
    {
        Programs.RequireRoot();
        string src = Temp.Path("src");
        TestTree.Apply(src, 3);
        Programs.Succeed(Temp.Root, Programs.Rdiffsharp, "--current-time", FirstSession.ToString(), src, Temp.Path("local"));
        Push(src, Temp.Path("pushed"), FirstSession);

        foreach (string prefix in new[] { "mirror_metadata", "extended_attributes", "access_control_lists" })
        {
            Assert.That(Programs.Lines(Programs.DataFile(Temp.Path("pushed"), prefix)),
                Is.EqualTo(Programs.Lines(Programs.DataFile(Temp.Path("local"), prefix))), prefix);
        }
    }

    [Test]
    public void Selection_rules_apply_on_the_source_side_in_both_directions()
    {
        string src = Temp.Path("src");
        Temp.File("src/keep/a", "a");
        Temp.File("src/skip/b", "b");
        Temp.File("src/listed", "l");
        string list = Temp.File("list", $"{src}/listed\n");

        foreach ((string from, string to) in new[] { (src, $"{SshServer.Host}::{Temp.Path("pushed")}"), ($"{SshServer.Host}::{src}", Temp.Path("pulled")) })
        {
            Programs.Result result = Programs.Run(Temp.Root, Programs.Rdiffsharp, "--remote-schema", Ssh.Schema(Key, Programs.Rdiffsharp),
                "--include-filelist", list, "--exclude", $"{src}/skip", from, to);
            Assert.That(result.Code, Is.Zero, result.Error);
        }
        foreach (string repo in new[] { "pushed", "pulled" })
        {
            Assert.That(File.Exists(Temp.Path($"{repo}/listed")) && File.Exists(Temp.Path($"{repo}/keep/a")), Is.True, repo);
            Assert.That(Directory.Exists(Temp.Path($"{repo}/skip")), Is.False, repo);
        }
    }

    [Test]
    public void A_missing_source_or_a_bad_rule_fails_before_anything_is_written()
    {
        Programs.Result missing = Programs.Run(Temp.Root, Programs.Rdiffsharp, "--remote-schema", Ssh.Schema(Key, Programs.Rdiffsharp),
            $"{SshServer.Host}::{Temp.Path("nothing")}", Temp.Path("repo"));
        Assert.That(missing.Code, Is.EqualTo(ExitCodes.Fatal), missing.Error);
        Assert.That(missing.Error.Trim(), Does.Contain("does not exist").And.Not.Contain("   at "));
        Assert.That(Directory.Exists(Temp.Path("repo")), Is.False);

        Directory.CreateDirectory(Temp.Path("src"));
        Programs.Result badRegex = Programs.Run(Temp.Root, Programs.Rdiffsharp, "--remote-schema", Ssh.Schema(Key, Programs.Rdiffsharp),
            "--exclude-regexp", "(", Temp.Path("src"), $"{SshServer.Host}::{Temp.Path("repo")}");
        Assert.That(badRegex.Code, Is.Not.Zero, badRegex.Error);
        Assert.That(Directory.Exists(Temp.Path("repo")), Is.False);
    }

    [Test]
    public void Both_locations_remote_is_refused()
    {
        Programs.Result result = Programs.Run(Temp.Root, Programs.Rdiffsharp, "a::/x", "b::/y");

        Assert.That(result.Code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(result.Error, Does.Contain("both the source and the repository are remote"));
    }

    private List<List<string>> BackUp(Func<string, string> source, Func<string, string> repository)
    {
        string src = Temp.Path("src");
        var versions = new List<List<string>>();
        for (int v = 0; v < Versions; v++)
        {
            TestTree.Apply(src, v);
            versions.Add(TreeDescription.Of(src));
            Programs.Result result = Programs.Run(Temp.Root, Programs.Rdiffsharp, "--remote-schema", Ssh.Schema(Key, Programs.Rdiffsharp),
                "--current-time", Session(v).ToString(), source(src), repository(Temp.Path("repo")));
            Assert.That(result.Code, Is.Zero, $"version {v}: {result.Error}");
        }
        return versions;
    }

    private Programs.Result Run(params string[] arguments) =>
        Programs.Run(Temp.Root, Programs.Rdiffsharp, ["--remote-schema", Ssh.Schema(Key, Programs.Rdiffsharp), .. arguments]);

    private void Push(string src, string repo, long time) =>
        Programs.Succeed(Temp.Root, Programs.Rdiffsharp, "--remote-schema", Ssh.Schema(Key, Programs.Rdiffsharp),
            "--current-time", time.ToString(), src, $"{SshServer.Host}::{repo}");

    private static long Session(int version) => FirstSession + (version * 86400);
}
