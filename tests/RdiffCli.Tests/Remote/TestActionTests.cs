using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.Remote;

/// <summary>
/// `rdiffsharp test HOST::PATH` through a real sshd on 127.0.0.1: the far side is started by the
/// remote schema, shakes hands, and says whether it may serve PATH; what is not a server, and a
/// path outside a restricted server's directory, are one line each.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class TestActionTests
{
    private SshServer _ssh = null!;
    private ScratchTree _temp = null!;

    [OneTimeSetUp]
    public void StartSshd() => _ssh = SshServer.Start();

    [OneTimeTearDown]
    public void StopSshd() => _ssh.Dispose();

    [SetUp]
    public void MakeTree() => _temp = new ScratchTree();

    [TearDown]
    public void RemoveTree() => _temp.Dispose();

    [Test]
    public void A_server_reached_over_ssh_reports_its_version()
    {
        string key = _ssh.AddKey();
        Directory.CreateDirectory(_temp.Path("repo"));
        string version = Programs.Succeed(_temp.Root, Programs.Rdiffsharp, "--version").Output.Trim();

        Programs.Result result = Programs.Run(_temp.Root, Programs.Rdiffsharp,
            "test", "--remote-schema", _ssh.Schema(key, Programs.Rdiffsharp), $"{SshServer.Host}::{_temp.Path("repo")}");

        Assert.That(result.Code, Is.Zero, result.Error);
        Assert.That(result.Output, Does.Contain("Testing server started by: ssh ").And.Contain($"- Server OK ({version})"));
    }

    [Test]
    public void The_old_test_server_flag_does_the_same()
    {
        string key = _ssh.AddKey();

        Programs.Result result = Programs.Run(_temp.Root, Programs.Rdiffsharp,
            "--test-server", "--remote-schema", _ssh.Schema(key, Programs.Rdiffsharp), $"{SshServer.Host}::{_temp.Root}");

        Assert.That(result.Code, Is.Zero, result.Error);
        Assert.That(result.Output, Does.Contain("- Server OK"));
    }

    [Test]
    public void A_far_side_without_rdiffsharp_is_one_line_naming_the_schema()
    {
        string key = _ssh.AddKey();

        Programs.Result result = Programs.Run(_temp.Root, Programs.Rdiffsharp,
            "test", "--remote-schema", $"{_ssh.Ssh(key)} {{h}} no-such-rdiffsharp server", $"{SshServer.Host}::/tmp");

        Assert.That(result.Code, Is.EqualTo(ExitCodes.Fatal));
        Assert.That(result.Error, Does.Contain("no-such-rdiffsharp: command not found"), "the far side's own message passes through");
        Assert.That(result.Error, Does.Contain("- Server tests failed: '").And.Contain("no-such-rdiffsharp server' ended without answering"));
        Assert.That(result.Error, Does.Not.Contain("   at "));
    }

    [Test]
    public void A_key_the_server_refuses_is_one_line_and_no_backup()
    {
        string stranger = _temp.Path("stranger_key");
        Programs.Succeed(_temp.Root, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", stranger);
        _temp.File("src/f", "f");

        Programs.Result result = Programs.Run(_temp.Root, Programs.Rdiffsharp, "--remote-schema", _ssh.Schema(stranger, Programs.Rdiffsharp),
            _temp.Path("src"), $"{SshServer.Host}::{_temp.Path("repo")}");

        Assert.That(result.Code, Is.EqualTo(ExitCodes.Fatal));
        Assert.That(result.Error, Does.Contain("Permission denied"), "ssh's own reason passes through");
        Assert.That(result.Error.Split('\n').Count(l => l.StartsWith("rdiffsharp: ", StringComparison.Ordinal)), Is.EqualTo(1), result.Error);
        Assert.That(result.Error, Does.Contain("ended without answering").And.Not.Contain("   at "));
        Assert.That(Directory.Exists(_temp.Path("repo")), Is.False);
    }

    [Test]
    public void A_login_banner_on_the_pipe_is_quoted()
    {
        string key = _ssh.AddKey(forcedCommand: $"echo 'Welcome to the backup host'; env DOTNET_ROOT={SshServer.DotnetRoot} {Programs.Rdiffsharp} server");

        Programs.Result result = Programs.Run(_temp.Root, Programs.Rdiffsharp,
            "test", "--remote-schema", _ssh.Schema(key, Programs.Rdiffsharp), $"{SshServer.Host}::/tmp");

        Assert.That(result.Code, Is.EqualTo(ExitCodes.Fatal));
        Assert.That(result.Error, Does.Contain("did not answer as rdiffsharp server; it said: 'Welcome to the backup host'"));
    }

    [Test]
    public void A_restricted_server_serves_only_beneath_its_directory()
    {
        Directory.CreateDirectory(_temp.Path("backups/x/repo"));
        Directory.CreateDirectory(_temp.Path("backups/x2"));
        Directory.CreateDirectory(_temp.Path("outside"));
        File.CreateSymbolicLink(_temp.Path("backups/x/link"), _temp.Path("outside"));
        string allowed = _temp.Path("backups/x");
        string key = _ssh.AddKey(forcedCommand: $"env DOTNET_ROOT={SshServer.DotnetRoot} {Programs.Rdiffsharp} server --restrict-path {allowed}");
        string schema = _ssh.Schema(key, "rdiffsharp-ignored");

        Assert.That(Test(schema, allowed + "/repo").Code, Is.Zero, "a path inside is served");
        Assert.That(Test(schema, allowed).Code, Is.Zero, "the directory itself is served");
        string[] escapes =
        [
            _temp.Path("backups/x2"),
            _temp.Path("backups"),
            _temp.Path("outside"),
            allowed + "/../x2",
            allowed + "/repo/../../x2",
            allowed + "/link",
            allowed + "/link/",
            "/",
            "/etc",
        ];
        foreach (string path in escapes)
        {
            Programs.Result result = Test(schema, path);

            Assert.That(result.Code, Is.EqualTo(ExitCodes.Fatal), path);
            Assert.That(result.Error, Does.Contain("outside the directory this server is restricted to").Or.Contain("cannot be served"), path);
        }
    }

    private Programs.Result Test(string schema, string path) =>
        Programs.Run(_temp.Root, Programs.Rdiffsharp, "test", "--remote-schema", schema, $"{SshServer.Host}::{path}");
}
