using System.Diagnostics;
using System.IO.Pipes;
using RdiffCore.Remote.Wire;

namespace RdiffCore.Tests.Remote;

public sealed class HandshakeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Test]
    public void Client_and_server_agree_on_a_version_across_real_pipes()
    {
        using var toServer = new AnonymousPipeServerStream(PipeDirection.Out);
        using var fromClient = new AnonymousPipeClientStream(PipeDirection.In, toServer.ClientSafePipeHandle);
        using var toClient = new AnonymousPipeServerStream(PipeDirection.Out);
        using var fromServer = new AnonymousPipeClientStream(PipeDirection.In, toClient.ClientSafePipeHandle);

        Task<int> server = Task.Run(() => Handshake.Accept(fromClient, toClient));
        int client = Handshake.Offer(fromServer, toServer, "test", Patience);

        Assert.That(client, Is.EqualTo(Handshake.MaxVersion));
        Assert.That(server.Result, Is.EqualTo(client));
    }

    [TestCase("echo 'Welcome to backuphost!'; cat >/dev/null", "it said: 'Welcome to backuphost!'")]
    [TestCase("echo 'sh: 1: rdiffsharp: not found' >&2; exit 127", "ended without answering")]
    [TestCase("printf 'RDIFFSHARP-PROTOCOL\\nversion 9\\n'", "speaks protocol version 9")]
    [TestCase("printf 'RDIFFSHARP-PROTOCOL\\nerror no common protocol version\\n'", "refused the connection: no common protocol version")]
    [TestCase("printf 'RDIFFSHARP-PROTOCOL\\nhello\\n'", "answered 'hello'")]
    [TestCase("head -c 5000 /dev/zero | tr '\\0' x", "it said: 'xxxx")]
    public void Anything_but_a_server_is_one_line_naming_the_command(string script, string message)
    {
        using Process far = Start(script);

        var error = Assert.Throws<ProtocolException>(() =>
            Handshake.Offer(far.StandardOutput.BaseStream, far.StandardInput.BaseStream, $"sh -c {script}", Patience));

        Assert.That(error!.Message, Does.Contain(message).And.Contain("sh -c"));
        Assert.That(error.Message, Does.Not.Contain("\n"));
        Assert.That(error.Message, Has.Length.LessThan(600), "a flood is cut short");
        far.Kill();
    }

    [Test]
    public void A_far_side_that_never_answers_times_out()
    {
        using Process far = Start("sleep 30");

        var error = Assert.Throws<ProtocolException>(() =>
            Handshake.Offer(far.StandardOutput.BaseStream, far.StandardInput.BaseStream, "sleeper", TimeSpan.FromSeconds(1)));

        Assert.That(error!.Message, Does.Contain("did not answer within 1 seconds"));
        far.Kill();
    }

    [TestCase("versions 5 7\n", "no common protocol version")]
    [TestCase("GET / HTTP/1.1\n", "expects to be started by rdiffsharp")]
    public void A_server_refuses_a_client_it_cannot_speak_with(string offer, string message)
    {
        using var input = new MemoryStream(System.Text.Encoding.ASCII.GetBytes(Handshake.Magic + "\n" + offer));
        var output = new MemoryStream();

        var error = Assert.Throws<ProtocolException>(() => Handshake.Accept(input, output));

        Assert.That(error!.Message, Does.Contain(message));
    }

    private static Process Start(string script)
    {
        var start = new ProcessStartInfo("/bin/sh", ["-c", script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        return Process.Start(start)!;
    }
}
