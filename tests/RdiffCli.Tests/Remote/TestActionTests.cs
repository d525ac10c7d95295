using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.Remote;

/// <summary>
/// `rdiffsharp test HOST::PATH` through a real sshd on 127.0.0.1: the far side is started by the
/// remote schema, shakes hands, and says whether it may serve PATH; what is not a server, and a
/// path outside a restricted server's directory, are one line each.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class TestActionTests : SshFixture
{

    [Test]
    public void A_server_reached_over_ssh_reports_its_version()
    {
        string key = Ssh.AddKey();
        Directory.CreateDirectory(Temp.Path("repo"));
        string version = Programs.Succeed(Temp.Root, Programs.Rdiffsharp, "--version").Output.Trim();

        Programs.Result result = Programs.Run(Temp.Root, Programs.Rdiffsharp,
            "test", "--remote-schema", Ssh.Schema(key, Programs.Rdiffsharp), $"{SshServer.Host}::{Temp.Path("repo")}");

        Assert.That(result.Code, Is.Zero, result.Error);
        Assert.That(result.Output, Does.Contain("Testing server started by: ssh ").And.Contain($"- Server OK ({version})"));
    }

    [Test]
    public void The_old_test_server_flag_does_the_same()
    {
        string key = Ssh.AddKey();

        Programs.Result result = Programs.Run(Temp.Root, Programs.Rdiffsharp,
            "--test-server", "--remote-schema", Ssh.Schema(key, Programs.Rdiffsharp), $"{SshServer.Host}::{Temp.Root}");

        Assert.That(result.Code, Is.Zero, result.Error);
        Assert.That(result.Output, Does.Contain("- Server OK"));
    }

    [Test]
    public void A_far_side_without_rdiffsharp_is_one_line_naming_the_schema()
    {
        string key = Ssh.AddKey();

        Programs.Result result = Programs.Run(Temp.Root, Programs.Rdiffsharp,
            "test", "--remote-schema", $"{Ssh.Ssh(key)} {{h}} no-such-rdiffsharp server", $"{SshServer.Host}::/tmp");

        Assert.That(result.Code, Is.EqualTo(ExitCodes.Fatal));
        Assert.That(result.Error, Does.Contain("no-such-rdiffsharp: command not found"), "the far side's own message passes through");
        Assert.That(result.Error, Does.Contain("- Server tests failed: '").And.Contain("no-such-rdiffsharp server' ended without answering"));
        Assert.That(result.Error, Does.Not.Contain("   at "));
    }

    [Test]
    public void A_key_the_server_refuses_is_one_line_and_no_backup()
    {
        string stranger = Temp.Path("stranger_key");
        Programs.Succeed(Temp.Root, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", stranger);
        Temp.File("src/f", "f");

        Programs.Result result = Programs.Run(Temp.Root, Programs.Rdiffsharp, "--remote-schema", Ssh.Schema(stranger, Programs.Rdiffsharp),
            Temp.Path("src"), $"{SshServer.Host}::{Temp.Path("repo")}");

        Assert.That(result.Code, Is.EqualTo(ExitCodes.Fatal));
        Assert.That(result.Error, Does.Contain("Permission denied"), "ssh's own reason passes through");
        Assert.That(result.Error.Split('\n').Count(l => l.StartsWith("rdiffsharp: ", StringComparison.Ordinal)), Is.EqualTo(1), result.Error);
        Assert.That(result.Error, Does.Contain("ended without answering").And.Not.Contain("   at "));
        Assert.That(Directory.Exists(Temp.Path("repo")), Is.False);
    }

    [Test]
    public void A_login_banner_on_the_pipe_is_quoted()
    {
        string key = Ssh.AddKey(forcedCommand: $"echo 'Welcome to the backup host'; env DOTNET_ROOT={SshServer.DotnetRoot} {Programs.Rdiffsharp} server");

        Programs.Result result = Programs.Run(Temp.Root, Programs.Rdiffsharp,
            "test", "--remote-schema", Ssh.Schema(key, Programs.Rdiffsharp), $"{SshServer.Host}::/tmp");

        Assert.That(result.Code, Is.EqualTo(ExitCodes.Fatal));
        Assert.That(result.Error, Does.Contain("did not answer as rdiffsharp server; it said: 'Welcome to the backup host'"));
    }

    [Test]
    public void A_restricted_server_serves_only_beneath_its_directory()
    {
        Directory.CreateDirectory(Temp.Path("backups/x/repo"));
        Directory.CreateDirectory(Temp.Path("backups/x2"));
        Directory.CreateDirectory(Temp.Path("outside"));
        File.CreateSymbolicLink(Temp.Path("backups/x/link"), Temp.Path("outside"));
        string allowed = Temp.Path("backups/x");
        string key = Ssh.AddKey(forcedCommand: $"env DOTNET_ROOT={SshServer.DotnetRoot} {Programs.Rdiffsharp} server --restrict-path {allowed}");
        string schema = Ssh.Schema(key, "rdiffsharp-ignored");

        Assert.That(Test(schema, allowed + "/repo").Code, Is.Zero, "a path inside is served");
        Assert.That(Test(schema, allowed).Code, Is.Zero, "the directory itself is served");
        string[] escapes =
        [
            Temp.Path("backups/x2"),
            Temp.Path("backups"),
            Temp.Path("outside"),
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
        Programs.Run(Temp.Root, Programs.Rdiffsharp, "test", "--remote-schema", schema, $"{SshServer.Host}::{path}");
}
