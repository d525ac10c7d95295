using System.Diagnostics;
using RdiffCore.Remote;

namespace RdiffCore.Tests.Remote;

public sealed class RemoteSchemaTests
{
    [TestCase("ssh {h} rdiffsharp server", "ssh user@box rdiffsharp server")]
    [TestCase("ssh -p 2222 %s /opt/rdiffsharp server", "ssh -p 2222 user@box /opt/rdiffsharp server")]
    [TestCase("ssh {h} rdiffsharp-{Vx}.{Vy}.{Vz} server", "ssh user@box rdiffsharp-1.2.3 server")]
    public void Fills_the_host_and_version(string schema, string command)
    {
        Assert.That(RemoteSchema.Fill(schema, "user@box"u8.ToArray(), "1.2.3"), Is.EqualTo(command));
    }

    [TestCase("ssh box rdiffsharp server")]
    [TestCase("ssh {h} {cmd} server")]
    [TestCase("ssh {host} rdiffsharp server")]
    public void Refuses_a_schema_without_the_host_or_with_another_placeholder(string schema)
    {
        var error = Assert.Throws<UsageException>(() => RemoteSchema.Fill(schema, "box"u8.ToArray(), "1.2.3"));
        Assert.That(error!.Message, Does.Contain(schema));
    }

    [Test]
    public void The_default_leaves_compression_to_the_protocol_unless_asked()
    {
        Assert.That(RemoteSchema.Default(sshCompression: false, null), Is.EqualTo("ssh {h} rdiffsharp server"));
        Assert.That(RemoteSchema.Default(sshCompression: true, null), Is.EqualTo("ssh -C {h} rdiffsharp server"));
        Assert.That(RemoteSchema.Default(false, "/var/tmp/it's"), Is.EqualTo("ssh {h} rdiffsharp --tempdir='/var/tmp/it'\\''s' server"));
    }

    [TestCase("plain")]
    [TestCase("it's $HOME `x` \"q\" \\ ; | &")]
    public void A_quoted_word_reaches_the_shell_as_one_word(string word)
    {
        var start = new ProcessStartInfo("/bin/sh", ["-c", "printf '%s' " + RemoteSchema.ShellQuote(word)]) { RedirectStandardOutput = true };
        using Process shell = Process.Start(start)!;
        string output = shell.StandardOutput.ReadToEnd();
        shell.WaitForExit();

        Assert.That(output, Is.EqualTo(word));
    }
}
