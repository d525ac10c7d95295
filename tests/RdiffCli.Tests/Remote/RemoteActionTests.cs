using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.Remote;

/// <summary>
/// list, verify, status, regress and remove on HOST::REPO through a real sshd: the output and the
/// exit code are those of the same action run locally, and a restricted server runs only what its
/// mode allows.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RemoteActionTests : SshFixture
{

    [SetUp]
    public void MakeRepository()
    {
        Temp.File("src/a", "one");
        Temp.File("src/d/b", "two");
        Programs.Succeed(Temp.Root, Programs.Rdiffsharp, "--current-time", "1700000000", Temp.Path("src"), Temp.Path("repo"));
        Temp.File("src/a", "one, changed");
        File.Delete(Temp.Path("src/d/b"));
        Temp.File("src/c", "three");
        Programs.Succeed(Temp.Root, Programs.Rdiffsharp, "--current-time", "1700086400", Temp.Path("src"), Temp.Path("repo"));
    }

    private static readonly string[][] Reading =
    [
        ["list", "increments"], ["list", "increments", "--size"], ["list", "increments", "--parsable-output"], ["list", "files"],
        ["list", "files", "--at", "1700000000"], ["list", "files", "--changed-since", "1700000000"], ["verify"], ["verify", "--at", "1700000000"],
        ["status"], ["--list-increments"], ["--list-at-time", "1700000000"], ["--verify"], ["--list-increment-sizes"],
    ];

    [TestCaseSource(nameof(Reading))]
    public void A_reading_action_over_ssh_says_what_it_says_locally(string[] action)
    {
        Programs.Result local = Programs.Run(Temp.Root, Programs.Rdiffsharp, [.. action, Temp.Path("repo")]);
        Programs.Result remote = Programs.Run(Temp.Root, Programs.Rdiffsharp,
            [.. action, "--remote-schema", Ssh.Schema(Key, Programs.Rdiffsharp), $"{SshServer.Host}::{Temp.Path("repo")}"]);

        Assert.That(remote.Code, Is.EqualTo(local.Code), remote.Error);
        Assert.That(remote.Output, Is.EqualTo(local.Output));
        Assert.That(remote.Error, Is.EqualTo(local.Error));
    }

    [Test]
    public void Remove_and_regress_over_ssh_change_the_repository_as_they_do_locally()
    {
        Programs.Result removed = Programs.Run(Temp.Root, Programs.Rdiffsharp, "remove", "increments", "--older-than", "1700050000",
            "--remote-schema", Ssh.Schema(Key, Programs.Rdiffsharp), $"{SshServer.Host}::{Temp.Path("repo")}");
        Assert.That(removed.Code, Is.Zero, removed.Error);
        Assert.That(Programs.Succeed(Temp.Root, Programs.Rdiffsharp, "list", "increments", Temp.Path("repo")).Output, Does.Contain("Found 0 increments"));

        Programs.Result regress = Programs.Run(Temp.Root, Programs.Rdiffsharp, "regress",
            "--remote-schema", Ssh.Schema(Key, Programs.Rdiffsharp), $"{SshServer.Host}::{Temp.Path("repo")}");
        Programs.Result local = Programs.Run(Temp.Root, Programs.Rdiffsharp, "regress", Temp.Path("repo"));
        Assert.That((regress.Code, regress.Error), Is.EqualTo((local.Code, local.Error)), "nothing to regress, said the same way");
    }

    [Test]
    public void A_read_only_server_lists_and_verifies_but_never_removes_or_regresses()
    {
        string key = Ssh.AddKey(forcedCommand: $"env TZ=UTC DOTNET_ROOT={SshServer.DotnetRoot} {Programs.Rdiffsharp} server --restrict-path {Temp.Root} --restrict-mode read-only");
        string repo = $"{SshServer.Host}::{Temp.Path("repo")}";

        Assert.That(Run(key, "list", "increments", repo).Code, Is.Zero);
        Assert.That(Run(key, "verify", repo).Code, Is.Zero);
        foreach (string[] writing in new[] { new[] { "remove", "increments", "--older-than", "1B", repo }, ["regress", repo] })
        {
            Programs.Result refused = Run(key, writing);
            Assert.That(refused.Code, Is.EqualTo(ExitCodes.Fatal), string.Join(' ', writing));
            Assert.That(refused.Error, Does.Contain("this server is read-only"));
        }
        Assert.That(Programs.Succeed(Temp.Root, Programs.Rdiffsharp, "list", "increments", Temp.Path("repo")).Output, Does.Contain("Found 1 increments"));
    }

    [Test]
    public void An_update_only_server_lists_nothing_and_removes_nothing()
    {
        string key = Ssh.AddKey(forcedCommand: $"env TZ=UTC DOTNET_ROOT={SshServer.DotnetRoot} {Programs.Rdiffsharp} server --restrict-path {Temp.Root} --restrict-mode update-only");
        string repo = $"{SshServer.Host}::{Temp.Path("repo")}";

        foreach (string[] refusedAction in new[] { new[] { "list", "increments", repo }, ["list", "files", repo], ["verify", repo], ["status", repo],
            ["remove", "increments", "--older-than", "1B", repo], ["regress", "--force", repo] })
        {
            Programs.Result refused = Run(key, refusedAction);
            Assert.That(refused.Code, Is.EqualTo(ExitCodes.Fatal), string.Join(' ', refusedAction));
            Assert.That(refused.Error, Does.Contain("this server is update-only"), string.Join(' ', refusedAction));
            Assert.That(refused.Output, Is.Empty);
        }
        Assert.That(Run(key, "regress", repo).Error, Does.Not.Contain("update-only"), "its own interrupted backup it may repair");
    }

    [Test]
    public void Info_on_a_remote_location_describes_the_far_side()
    {
        Programs.Result result = Programs.Run(Temp.Root, Programs.Rdiffsharp, "info",
            "--remote-schema", Ssh.Schema(Key, Programs.Rdiffsharp), $"{SshServer.Host}::{Temp.Path("repo")}");

        Assert.That(result.Code, Is.Zero, result.Error);
        Assert.That(result.Output, Does.Contain("version:").And.Contain("- info").And.Contain($"- {Temp.Path("repo")}"), "the far side's own command line");
    }

    [Test]
    public void An_option_that_names_a_file_on_the_far_side_is_refused_here()
    {
        Programs.Result result = Programs.Run(Temp.Root, Programs.Rdiffsharp, "list", "increments", "--tempdir", "/tmp",
            "--remote-schema", Ssh.Schema(Key, Programs.Rdiffsharp), $"{SshServer.Host}::{Temp.Path("repo")}");

        Assert.That(result.Code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(result.Error, Does.Contain("--tempdir cannot be used with a repository on another machine"));
    }

    private Programs.Result Run(string key, params string[] arguments) =>
        Programs.Run(Temp.Root, Programs.Rdiffsharp, [.. arguments, "--remote-schema", Ssh.Schema(key, Programs.Rdiffsharp)]);
}
