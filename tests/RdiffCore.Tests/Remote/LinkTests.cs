using System.IO.Pipes;
using RdiffCore.Remote;
using RdiffCore.Remote.Wire;

namespace RdiffCore.Tests.Remote;

/// <summary>
/// Calls both ways over one pair of real pipes: each channel has its own window, so a stream nobody
/// reads yet stalls only its sender, and every wait ends when the far side goes away.
/// </summary>
public sealed class LinkTests
{
    private const int StreamBytes = 24 << 20;

    [Test]
    public void A_stream_read_last_does_not_block_one_read_first()
    {
        long[] sent = new long[3];
        using var pair = new LinkPair((channel, request) => new Thread(() =>
        {
            byte[] chunk = new byte[256 << 10];
            byte stream = request.Span[0];
            chunk.AsSpan().Fill(stream);
            while (Interlocked.Read(ref sent[stream]) < StreamBytes)
            {
                channel.Write(chunk);
                Interlocked.Add(ref sent[stream], chunk.Length);
            }
            channel.End();
        }).Start());

        using Channel first = pair.Client.Open([1]);
        using Channel second = pair.Client.Open([2]);

        // Everything of the second stream arrives while the first, three windows long, waits unread.
        Assert.That(Count(second, 2), Is.EqualTo(StreamBytes));
        Assert.That(Interlocked.Read(ref sent[1]), Is.LessThanOrEqualTo(Link.Window), "the unread stream's sender waits at one window");
        Assert.That(Count(first, 1), Is.EqualTo(StreamBytes));
    }

    [Test]
    public void Calls_go_both_ways_on_one_connection()
    {
        LinkPair? pair = null;
        pair = new LinkPair((channel, request) => new Thread(() =>
        {
            // The server asks the client back before it answers.
            using Channel back = pair!.Server.Open([9]);
            byte[] answer = back.Answer();
            channel.Reply([.. answer, request.Span[0]]);
        }).Start(), clientCalls: (channel, request) => channel.Reply([(byte)(request.Span[0] + 1)]));
        using (pair)
        {
            using Channel call = pair.Client.Open([5]);
            Assert.That(call.Answer(), Is.EqualTo(new byte[] { 10, 5 }));
        }
    }

    [Test]
    public void A_wait_ends_with_one_line_when_the_far_side_goes_away()
    {
        var pair = new LinkPair((_, _) => { });
        Channel waiting = pair.Client.Open([1]);
        pair.CloseServer();

        var error = Assert.Throws<ProtocolException>(() => waiting.Next());

        Assert.That(error!.Message, Does.Contain("lost"));
        pair.Dispose();
    }

    private static long Count(Channel channel, byte expected)
    {
        long total = 0;
        foreach (ReadOnlyMemory<byte> data in channel.Stream())
        {
            Assert.That(data.Span.IndexOfAnyExcept(expected), Is.EqualTo(-1));
            total += data.Length;
        }
        return total;
    }

    /// <summary>Two links joined by kernel pipes, the server's handling calls with <paramref name="serverCalls"/>.</summary>
    private sealed class LinkPair : IDisposable
    {
        private readonly AnonymousPipeServerStream _toServer = new(PipeDirection.Out);
        private readonly AnonymousPipeServerStream _toClient = new(PipeDirection.Out);
        private readonly AnonymousPipeClientStream _serverIn;
        private readonly AnonymousPipeClientStream _clientIn;
        private readonly FrameReader _serverReader;
        private readonly FrameReader _clientReader;

        public LinkPair(Action<Channel, ReadOnlyMemory<byte>> serverCalls, Action<Channel, ReadOnlyMemory<byte>>? clientCalls = null)
        {
            _serverIn = new AnonymousPipeClientStream(PipeDirection.In, _toServer.ClientSafePipeHandle);
            _clientIn = new AnonymousPipeClientStream(PipeDirection.In, _toClient.ClientSafePipeHandle);
            _serverReader = new FrameReader(_serverIn, "the client");
            _clientReader = new FrameReader(_clientIn, "the server");
            Server = new Link(_serverReader, _toClient, "the client", client: false, serverCalls, Lost);
            Client = new Link(_clientReader, _toServer, "the server", client: true, clientCalls ?? ((_, _) => { }), Lost);
            Server.Start();
            Client.Start();
        }

        public Link Server { get; }

        public Link Client { get; }

        public void CloseServer() => Server.CloseOutput();

        public void Dispose()
        {
            // Each reader ends when the other side closes its end: both close first.
            Client.CloseOutput();
            Server.CloseOutput();
            Client.Dispose();
            Server.Dispose();
            _serverReader.Dispose();
            _clientReader.Dispose();
            _serverIn.Dispose();
            _clientIn.Dispose();
            _toServer.Dispose();
            _toClient.Dispose();
        }

        private static ProtocolException Lost(Exception? cause) => new("the connection was lost");
    }
}
