using RdiffCore.Remote.Wire;

namespace RdiffCore.Remote;

/// <summary>
/// Both directions of one connection after the handshake, as channels. Either side may open a call
/// (the client numbers its channels odd, the server even); a reader thread hands each frame to its
/// channel, and a request on a new channel to the side's handler. Once the pipe closes or breaks,
/// every channel's waits end with the reason.
/// </summary>
internal sealed class Link : IDisposable
{
    /// <summary>The most a sender may have outstanding per channel and direction (flow control).</summary>
    public const int Window = 8 << 20;

    private readonly FrameReader _reader;
    private readonly FrameWriter _writer;
    private readonly Stream _output;
    private readonly Action<Channel, ReadOnlyMemory<byte>> _onCall;
    private readonly Dictionary<uint, Channel> _channels = [];
    private readonly Lock _lock = new();
    private readonly ManualResetEventSlim _closed = new();
    private readonly Func<Exception?, ProtocolException> _lost;
    private uint _nextOwn;
    private uint _highestPeer;
    private Exception? _failure;
    private Thread? _thread;

    /// <param name="reader">Frames from the peer.</param>
    /// <param name="peer">Who is at the other end, for messages.</param>
    /// <param name="output">The pipe to the peer (buffered here; each frame is flushed).</param>
    /// <param name="client">Which half of the channel numbers this side uses.</param>
    /// <param name="onCall">Called on the reader thread for each request the peer opens; must not block.</param>
    /// <param name="lost">The error for a connection that ended or broke (names the command that was run).</param>
    public Link(FrameReader reader, Stream output, string peer, bool client, Action<Channel, ReadOnlyMemory<byte>> onCall, Func<Exception?, ProtocolException> lost)
    {
        _reader = reader;
        _output = new BufferedStream(output, 1 << 16);
        _writer = new FrameWriter(_output);
        Peer = peer;
        _nextOwn = client ? 1u : 2u;
        _onCall = onCall;
        _lost = lost;
    }

    public string Peer { get; }

    /// <summary>Bytes sent and received, headers included (the benchmark counts them).</summary>
    public long BytesWritten => _writer.BytesWritten;

    public long BytesRead => _reader.BytesRead;

    /// <summary>Starts reading frames.</summary>
    public void Start()
    {
        _thread = new Thread(ReadLoop) { IsBackground = true, Name = "rdiffsharp link" };
        _thread.Start();
    }

    /// <summary>Opens a call: a new channel whose first frame is <paramref name="request"/>.</summary>
    public Channel Open(ReadOnlySpan<byte> request)
    {
        Channel channel;
        lock (_lock)
        {
            if (_failure is not null)
            {
                throw _failure;
            }
            channel = new Channel(this, _nextOwn);
            _nextOwn += 2;
            _channels.Add(channel.Id, channel);
        }
        Send(FrameKind.Message, channel.Id, request);
        return channel;
    }

    /// <summary>Waits until the peer has closed its end (or the link broke).</summary>
    public void WaitClosed() => _closed.Wait();

    /// <summary>Why the link is down, once it is.</summary>
    public Exception? Failure
    {
        get
        {
            lock (_lock)
            {
                return _failure;
            }
        }
    }

    internal void Send(FrameKind kind, uint channel, ReadOnlySpan<byte> payload, bool tryCompression = false)
    {
        try
        {
            lock (_writer)
            {
                _writer.Write(kind, channel, payload, tryCompression);
                _writer.Flush();
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            ProtocolException lost = _lost(e);
            Fail(lost);
            throw lost;
        }
    }

    internal void Forget(Channel channel)
    {
        lock (_lock)
        {
            _channels.Remove(channel.Id);
        }
    }

    /// <summary>Closes our end of the pipe; the reader ends when the peer closes its end.</summary>
    public void CloseOutput()
    {
        lock (_writer)
        {
            try
            {
                _output.Dispose();
            }
            catch (IOException)
            {
                // The peer is gone already.
            }
        }
    }

    public void Dispose()
    {
        CloseOutput();
        _writer.Dispose();
        _thread?.Join();
        _closed.Dispose();
    }

    private void ReadLoop()
    {
        try
        {
            while (_reader.Read() is Frame frame)
            {
                Dispatch(frame);
            }
            Fail(_lost(null));
        }
        catch (ProtocolException e)
        {
            Fail(e);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            Fail(_lost(e));
        }
    }

    private void Dispatch(Frame frame)
    {
        bool fromPeer = (frame.Channel & 1) != (_nextOwn & 1);
        Channel? channel;
        bool call = false;
        lock (_lock)
        {
            if (!_channels.TryGetValue(frame.Channel, out channel) && fromPeer && frame.Kind == FrameKind.Message && frame.Channel > _highestPeer)
            {
                _highestPeer = frame.Channel;
                channel = new Channel(this, frame.Channel);
                _channels.Add(frame.Channel, channel);
                call = true;
            }
        }
        if (call)
        {
            _onCall(channel!, frame.Payload);
            return;
        }
        if (channel is null)
        {
            // A channel this side has finished with may still get a late credit or answer; anything
            // on a channel nobody opened breaks the protocol.
            if (fromPeer ? frame.Channel <= _highestPeer : frame.Channel < _nextOwn && frame.Channel != 0)
            {
                return;
            }
            throw new ProtocolException($"{Peer} sent a {frame.Kind} frame on channel {frame.Channel}, which no call opened; the connection was closed");
        }
        if (frame.Kind == FrameKind.Credit)
        {
            var message = new MessageReader(frame.Payload.Span, Peer);
            ulong bytes = message.Number();
            message.End();
            channel.Grant(bytes > Window ? Window + 1L : (long)bytes);
            return;
        }
        channel.Deliver(frame);
    }

    private void Fail(Exception failure)
    {
        Channel[] open;
        lock (_lock)
        {
            _failure ??= failure;
            open = [.. _channels.Values];
        }
        foreach (Channel channel in open)
        {
            channel.Fail(_failure);
        }
        _closed.Set();
    }
}
