using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.Remote;

/// <summary>The fixture the remote tests stand on: a real sshd on 127.0.0.1, key logins, forced commands.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SshServerTests
{
    [Test]
    public void Logs_in_with_a_key_and_runs_the_built_program_on_the_far_side()
    {
        using SshServer server = SshServer.Start();
        string key = server.AddKey();

        Programs.Result result = Programs.Run(server.Home, "/bin/sh", "-c",
            $"{server.Ssh(key)} {SshServer.Host} env DOTNET_ROOT={SshServer.DotnetRoot} {Programs.Rdiffsharp} --version");

        Assert.That(result.Code, Is.Zero, result.Error);
        Assert.That(result.Output, Does.StartWith("rdiffsharp "));
    }

    [Test]
    public void A_forced_command_key_runs_only_its_command()
    {
        using SshServer server = SshServer.Start();
        string key = server.AddKey(forcedCommand: "echo forced: $SSH_ORIGINAL_COMMAND");

        Programs.Result result = Programs.Run(server.Home, "/bin/sh", "-c", $"{server.Ssh(key)} {SshServer.Host} touch /tmp/never");

        Assert.That(result.Output.Trim(), Is.EqualTo("forced: touch /tmp/never"));
    }
}
