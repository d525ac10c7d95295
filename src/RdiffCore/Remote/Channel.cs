using System.Text;
using RdiffCore.Remote.Wire;

namespace RdiffCore.Remote;

/// <summary>
/// One call on a <see cref="Link"/>: a request, then frames both ways until each side has said what
/// it had to. Data frames are flow-controlled per channel and direction: a sender may have at most
/// <see cref="Link.Window"/> bytes that the receiver has not yet taken, so a slow consumer of one
/// stream never stalls another, and neither side buffers more than a window per stream.
/// </summary>
internal sealed class Channel : IDisposable
{
    private readonly Link _link;
    private readonly Queue<Frame> _inbox = new();
    private readonly object _lock = new();
    private long _buffered;
    private long _credit = Link.Window;
    private long _taken;
    private Exception? _failure;

    internal Channel(Link link, uint id)
    {
        _link = link;
        Id = id;
    }

    public uint Id { get; }

    /// <summary>Who is at the other end, for messages.</summary>
    public string Peer => _link.Peer;

    /// <summary>The next frame the peer sent on this channel; an error frame is thrown as the peer's reason.</summary>
    /// <exception cref="RdiffException">The peer failed the call.</exception>
    /// <exception cref="ProtocolException">The connection was lost or broke the protocol.</exception>
    public Frame Next()
    {
        Frame frame;
        lock (_lock)
        {
            while (_inbox.Count == 0 && _failure is null)
            {
                Monitor.Wait(_lock);
            }
            if (_inbox.Count == 0)
            {
                throw _failure!;
            }
            frame = _inbox.Dequeue();
            if (frame.Kind == FrameKind.Data)
            {
                _buffered -= frame.Payload.Length;
                _taken += frame.Payload.Length;
            }
        }
        if (frame.Kind == FrameKind.Data)
        {
            GrantTaken();
        }
        return frame.Kind == FrameKind.Error
            ? throw new RdiffException($"{Peer}: {Encoding.UTF8.GetString(frame.Payload.Span)}")
            : frame;
    }

    /// <summary>Whether a frame has arrived that <see cref="Next"/> would return at once.</summary>
    public bool HasWaiting
    {
        get
        {
            lock (_lock)
            {
                return _inbox.Count > 0;
            }
        }
    }

    /// <summary>The one message that answers a request.</summary>
    public byte[] Answer() => Answer(_ => throw new ProtocolException($"{Peer} answered with a Data frame where a message was due; the connection was closed"));

    /// <summary>
    /// The one message that answers a request, after the data frames the peer sends on the way (its
    /// warnings, an action's output), each handed to <paramref name="data"/> as it comes.
    /// </summary>
    public byte[] Answer(Action<ReadOnlyMemory<byte>> data)
    {
        while (true)
        {
            Frame frame = Next();
            switch (frame.Kind)
            {
                case FrameKind.Data:
                    data(frame.Payload);
                    break;
                case FrameKind.Message:
                    return frame.Payload.ToArray();
                default:
                    throw new ProtocolException($"{Peer} answered with a {frame.Kind} frame where a message was due; the connection was closed");
            }
        }
    }

    /// <summary>A data frame of text for one of two streams: its first byte says which (1 or 2), the rest is UTF-8.</summary>
    public void TwoStreams(ReadOnlyMemory<byte> data, Action<string> first, Action<string> second)
    {
        ReadOnlySpan<byte> payload = data.Span;
        string text = payload.IsEmpty ? "" : Encoding.UTF8.GetString(payload[1..]);
        switch (payload.IsEmpty ? 0 : payload[0])
        {
            case 1:
                first(text);
                break;
            case 2:
                second(text);
                break;
            default:
                throw new ProtocolException($"{Peer} sent text for an unknown stream; the connection was closed");
        }
    }

    /// <summary>The data frames of the peer's stream, up to its end frame.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> Stream()
    {
        while (true)
        {
            Frame frame = Next();
            switch (frame.Kind)
            {
                case FrameKind.Data:
                    yield return frame.Payload;
                    break;
                case FrameKind.End:
                    yield break;
                default:
                    throw new ProtocolException($"{Peer} sent a {frame.Kind} frame inside a stream; the connection was closed");
            }
        }
    }

    /// <summary>Answers the request with one message.</summary>
    public void Reply(ReadOnlySpan<byte> message) => _link.Send(FrameKind.Message, Id, message);

    /// <summary>Sends one data frame, waiting first until the peer has room for it.</summary>
    public void Write(ReadOnlySpan<byte> data, bool tryCompression = false)
    {
        lock (_lock)
        {
            while (_credit < data.Length && _failure is null)
            {
                Monitor.Wait(_lock);
            }
            if (_failure is not null)
            {
                throw _failure;
            }
            _credit -= data.Length;
        }
        _link.Send(FrameKind.Data, Id, data, tryCompression);
    }

    /// <summary>Ends this side's stream.</summary>
    public void End() => _link.Send(FrameKind.End, Id, []);

    /// <summary>Fails the call with one line for the peer to show.</summary>
    public void Fail(string message) => _link.Send(FrameKind.Error, Id, Encoding.UTF8.GetBytes(message));

    /// <summary>Stops listening: frames that still arrive for this channel are dropped.</summary>
    public void Dispose() => _link.Forget(this);

    /// <summary>From the link's reader: a frame for this channel.</summary>
    internal void Deliver(Frame frame)
    {
        lock (_lock)
        {
            if (frame.Kind == FrameKind.Data)
            {
                _buffered += frame.Payload.Length;
                if (_buffered > Link.Window)
                {
                    throw new ProtocolException($"{Peer} sent more on channel {Id} than it was given room for; the connection was closed");
                }
            }
            _inbox.Enqueue(frame);
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>From the link's reader: the peer took <paramref name="bytes"/> more of what we sent.</summary>
    internal void Grant(long bytes)
    {
        lock (_lock)
        {
            _credit += bytes;
            if (_credit > Link.Window)
            {
                throw new ProtocolException($"{Peer} gave back more room on channel {Id} than was ever used; the connection was closed");
            }
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>The connection is gone: every wait on this channel ends with <paramref name="failure"/>.</summary>
    internal void Fail(Exception failure)
    {
        lock (_lock)
        {
            _failure ??= failure;
            Monitor.PulseAll(_lock);
        }
    }

    // Room is given back in quarters of the window, so a stream costs one credit frame per 2 MiB.
    private void GrantTaken()
    {
        long grant;
        lock (_lock)
        {
            if (_taken < Link.Window / 4)
            {
                return;
            }
            grant = _taken;
            _taken = 0;
        }
        _link.Send(FrameKind.Credit, Id, new MessageWriter().Number((ulong)grant).Payload);
    }
}
