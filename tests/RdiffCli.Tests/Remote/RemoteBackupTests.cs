using RdiffCli.Tests.Support;
using RdiffCore.Tests.Support;

namespace RdiffCli.Tests.Remote;

/// <summary>
/// Backups over a real sshd on 127.0.0.1: the tricky mutated tree, five versions, pushed
/// (`SRC host::REPO`, the server runs the engine) and pulled (`host::SRC REPO`, the server walks and
/// reads); every version restores exactly, and rdiff-backup restores and verifies what was pushed.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RemoteBackupTests
{
    private const int Versions = 5;
    private const long FirstSession = 1700000000;
    private SshServer _ssh = null!;
    private ScratchTree _temp = null!;
    private string _key = null!;

    [OneTimeSetUp]
    public void StartSshd()
    {
        _ssh = SshServer.Start();
        _key = _ssh.AddKey();
    }

    [OneTimeTearDown]
    public void StopSshd() => _ssh.Dispose();

    [SetUp]
    public void MakeTree() => _temp = new ScratchTree();

    [TearDown]
    public void RemoveTree() => _temp.Dispose();

    [Test]
    public void Every_pushed_version_restores_exactly_here_and_with_rdiff_backup()
    {
        Programs.RequireRoot();
        List<List<string>> versions = BackUp(src => src, repo => $"{SshServer.Host}::{repo}");

        for (int v = 0; v < Versions; v++)
        {
            string ours = _temp.Path($"ours-{v}");
            Programs.Succeed(_temp.Root, Programs.Rdiffsharp, "restore", "--at", Session(v).ToString(), _temp.Path("repo"), ours);
            Assert.That(TreeDescription.Of(ours), Is.EqualTo(versions[v]), $"our restore of version {v}");
            string overSsh = _temp.Path($"over-ssh-{v}");
            Programs.Result remote = Programs.Run(_temp.Root, Programs.Rdiffsharp, "restore", "--at", Session(v).ToString(),
                "--remote-schema", _ssh.Schema(_key, Programs.Rdiffsharp), $"{SshServer.Host}::{_temp.Path("repo")}", overSsh);
            Assert.That(remote.Code, Is.Zero, remote.Error);
            Assert.That(TreeDescription.Of(overSsh), Is.EqualTo(versions[v]), $"our restore of version {v} over ssh");
            string theirs = _temp.Path($"theirs-{v}");
            Programs.Succeed(_temp.Root, "rdiff-backup", "restore", "--at", Session(v).ToString(), _temp.Path("repo"), theirs);
            Assert.That(TreeDescription.Of(theirs), Is.EqualTo(versions[v]), $"rdiff-backup's restore of version {v}");
            Programs.Succeed(_temp.Root, "rdiff-backup", "verify", "--at", Session(v).ToString(), _temp.Path("repo"));
        }
    }

    [Test]
    public void Every_pulled_version_restores_exactly()
    {
        Programs.RequireRoot();
        List<List<string>> versions = BackUp(src => $"{SshServer.Host}::{src}", repo => repo);

        for (int v = 0; v < Versions; v++)
        {
            string ours = _temp.Path($"ours-{v}");
            Programs.Succeed(_temp.Root, Programs.Rdiffsharp, "restore", "--at", Session(v).ToString(), _temp.Path("repo"), ours);
            Assert.That(TreeDescription.Of(ours), Is.EqualTo(versions[v]), $"our restore of version {v}");
            string remoteTarget = _temp.Path($"remote-target-{v}");
            Programs.Result into = Run("restore", "--at", Session(v).ToString(), _temp.Path("repo"), $"{SshServer.Host}::{remoteTarget}");
            Assert.That(into.Code, Is.Zero, into.Error);
            Assert.That(TreeDescription.Of(remoteTarget), Is.EqualTo(versions[v]), $"our restore of version {v} into a target over ssh");
        }
        Programs.Succeed(_temp.Root, "rdiff-backup", "verify", _temp.Path("repo"));
    }

    [Test]
    public void A_path_in_a_remote_repository_restores_with_the_rules_and_messages_of_a_local_one()
    {
        _temp.File("src/d/keep", "k");
        _temp.File("src/d/skip", "s");
        _temp.File("src/other", "o");
        Programs.Succeed(_temp.Root, Programs.Rdiffsharp, _temp.Path("src"), _temp.Path("repo"));
        string remote = $"{SshServer.Host}::{_temp.Path("repo")}";

        Programs.Result sub = Run("-r", "now", $"{remote}/d", _temp.Path("d"));
        Assert.That(sub.Code, Is.Zero, sub.Error);
        Assert.That(Directory.GetFiles(_temp.Path("d")).Select(Path.GetFileName), Is.EquivalentTo(new[] { "keep", "skip" }));
        Programs.Result ruled = Run("-r", "now", "--exclude", "**/skip", remote, _temp.Path("ruled"));
        Assert.That(ruled.Code, Is.Zero, ruled.Error);
        Assert.That(Directory.GetFiles(_temp.Path("ruled/d")).Select(Path.GetFileName), Is.EquivalentTo(new[] { "keep" }));

        Programs.Result missing = Run("-r", "now", $"{remote}/nothing", _temp.Path("n"));
        Programs.Result local = Programs.Run(_temp.Root, Programs.Rdiffsharp, "-r", "now", _temp.Path("repo/nothing"), _temp.Path("n"));
        Assert.That((missing.Code, missing.Error.Replace($"the server on {SshServer.Host}: ", "", StringComparison.Ordinal)), Is.EqualTo((local.Code, local.Error)));
        Assert.That(Directory.Exists(_temp.Path("n")), Is.False);

        Directory.CreateDirectory(_temp.Path("full"));
        _temp.File("full/x", "x");
        Programs.Result notEmpty = Run("-r", "now", remote, _temp.Path("full"));
        Assert.That(notEmpty.Code, Is.EqualTo(ExitCodes.Fatal));
        Assert.That(notEmpty.Error, Does.Contain("exists and is not empty; use --force"));
    }

    [Test]
    public void Only_a_read_write_server_takes_a_restore_target()
    {
        _temp.File("src/f", "f");
        Programs.Succeed(_temp.Root, Programs.Rdiffsharp, _temp.Path("src"), _temp.Path("repo"));
        foreach (string mode in new[] { "read-only", "update-only" })
        {
            string key = _ssh.AddKey(forcedCommand: $"env TZ=UTC DOTNET_ROOT={SshServer.DotnetRoot} {Programs.Rdiffsharp} server --restrict-path {_temp.Root} --restrict-mode {mode}");
            Programs.Result result = Programs.Run(_temp.Root, Programs.Rdiffsharp, "-r", "now", "--remote-schema", _ssh.Schema(key, Programs.Rdiffsharp),
                _temp.Path("repo"), $"{SshServer.Host}::{_temp.Path("out")}");
            Assert.That(result.Code, Is.EqualTo(ExitCodes.Fatal), mode);
            Assert.That(result.Error, Does.Contain($"this server is {mode}"), mode);
            Assert.That(Directory.Exists(_temp.Path("out")), Is.False, mode);
        }
        Programs.Result refused = Run("-r", "now", _temp.Path("repo"), $"{SshServer.Host}::{_temp.Path("src")}");
        Assert.That(refused.Error, Does.Contain("exists and is not empty; use --force"));
    }

    [Test]
    public void An_update_only_server_restores_nothing()
    {
        _temp.File("src/secret", "s");
        Programs.Succeed(_temp.Root, Programs.Rdiffsharp, _temp.Path("src"), _temp.Path("repo"));
        string key = _ssh.AddKey(forcedCommand: $"env TZ=UTC DOTNET_ROOT={SshServer.DotnetRoot} {Programs.Rdiffsharp} server --restrict-path {_temp.Root} --restrict-mode update-only");

        Programs.Result result = Programs.Run(_temp.Root, Programs.Rdiffsharp, "-r", "now", "--remote-schema", _ssh.Schema(key, Programs.Rdiffsharp),
            $"{SshServer.Host}::{_temp.Path("repo")}", _temp.Path("out"));

        Assert.That(result.Code, Is.EqualTo(ExitCodes.Fatal));
        Assert.That(result.Error, Does.Contain("this server is update-only"));
        Assert.That(Directory.Exists(_temp.Path("out")), Is.False);
    }

    [Test]
    public void A_pushed_repository_is_the_one_a_local_backup_makes()
    {
        Programs.RequireRoot();
        string src = _temp.Path("src");
        TestTree.Apply(src, 3);
        Programs.Succeed(_temp.Root, Programs.Rdiffsharp, "--current-time", FirstSession.ToString(), src, _temp.Path("local"));
        Push(src, _temp.Path("pushed"), FirstSession);

        foreach (string prefix in new[] { "mirror_metadata", "extended_attributes", "access_control_lists" })
        {
            Assert.That(Programs.Lines(Programs.DataFile(_temp.Path("pushed"), prefix)),
                Is.EqualTo(Programs.Lines(Programs.DataFile(_temp.Path("local"), prefix))), prefix);
        }
    }

    [Test]
    public void Selection_rules_apply_on_the_source_side_in_both_directions()
    {
        string src = _temp.Path("src");
        _temp.File("src/keep/a", "a");
        _temp.File("src/skip/b", "b");
        _temp.File("src/listed", "l");
        string list = _temp.File("list", $"{src}/listed\n");

        foreach ((string from, string to) in new[] { (src, $"{SshServer.Host}::{_temp.Path("pushed")}"), ($"{SshServer.Host}::{src}", _temp.Path("pulled")) })
        {
            Programs.Result result = Programs.Run(_temp.Root, Programs.Rdiffsharp, "--remote-schema", _ssh.Schema(_key, Programs.Rdiffsharp),
                "--include-filelist", list, "--exclude", $"{src}/skip", from, to);
            Assert.That(result.Code, Is.Zero, result.Error);
        }
        foreach (string repo in new[] { "pushed", "pulled" })
        {
            Assert.That(File.Exists(_temp.Path($"{repo}/listed")) && File.Exists(_temp.Path($"{repo}/keep/a")), Is.True, repo);
            Assert.That(Directory.Exists(_temp.Path($"{repo}/skip")), Is.False, repo);
        }
    }

    [Test]
    public void A_missing_source_or_a_bad_rule_fails_before_anything_is_written()
    {
        Programs.Result missing = Programs.Run(_temp.Root, Programs.Rdiffsharp, "--remote-schema", _ssh.Schema(_key, Programs.Rdiffsharp),
            $"{SshServer.Host}::{_temp.Path("nothing")}", _temp.Path("repo"));
        Assert.That(missing.Code, Is.EqualTo(ExitCodes.Fatal), missing.Error);
        Assert.That(missing.Error.Trim(), Does.Contain("does not exist").And.Not.Contain("   at "));
        Assert.That(Directory.Exists(_temp.Path("repo")), Is.False);

        Directory.CreateDirectory(_temp.Path("src"));
        Programs.Result badRegex = Programs.Run(_temp.Root, Programs.Rdiffsharp, "--remote-schema", _ssh.Schema(_key, Programs.Rdiffsharp),
            "--exclude-regexp", "(", _temp.Path("src"), $"{SshServer.Host}::{_temp.Path("repo")}");
        Assert.That(badRegex.Code, Is.Not.Zero, badRegex.Error);
        Assert.That(Directory.Exists(_temp.Path("repo")), Is.False);
    }

    [Test]
    public void Both_locations_remote_is_refused()
    {
        Programs.Result result = Programs.Run(_temp.Root, Programs.Rdiffsharp, "a::/x", "b::/y");

        Assert.That(result.Code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(result.Error, Does.Contain("both the source and the repository are remote"));
    }

    private List<List<string>> BackUp(Func<string, string> source, Func<string, string> repository)
    {
        string src = _temp.Path("src");
        var versions = new List<List<string>>();
        for (int v = 0; v < Versions; v++)
        {
            TestTree.Apply(src, v);
            versions.Add(TreeDescription.Of(src));
            Programs.Result result = Programs.Run(_temp.Root, Programs.Rdiffsharp, "--remote-schema", _ssh.Schema(_key, Programs.Rdiffsharp),
                "--current-time", Session(v).ToString(), source(src), repository(_temp.Path("repo")));
            Assert.That(result.Code, Is.Zero, $"version {v}: {result.Error}");
        }
        return versions;
    }

    private Programs.Result Run(params string[] arguments) =>
        Programs.Run(_temp.Root, Programs.Rdiffsharp, ["--remote-schema", _ssh.Schema(_key, Programs.Rdiffsharp), .. arguments]);

    private void Push(string src, string repo, long time) =>
        Programs.Succeed(_temp.Root, Programs.Rdiffsharp, "--remote-schema", _ssh.Schema(_key, Programs.Rdiffsharp),
            "--current-time", time.ToString(), src, $"{SshServer.Host}::{repo}");

    private static long Session(int version) => FirstSession + (version * 86400);
}
