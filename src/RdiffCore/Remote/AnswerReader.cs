using RdiffCore.Remote.Wire;

namespace RdiffCore.Remote;

/// <summary>The items of a Fetch channel's answers, read one at a time across frames.</summary>
internal sealed class AnswerReader(Channel channel)
{
    private readonly IEnumerator<ReadOnlyMemory<byte>> _frames = channel.Stream().GetEnumerator();
    private readonly Queue<Item> _items = new();

    /// <summary>One answer item: a chunk of bytes, the end of an answer (with the source's SHA-1 for a delta), or a failure.</summary>
    public readonly record struct Item(ulong Tag, ReadOnlyMemory<byte> Bytes, string? Type = null, string? Message = null);

    public Item Next()
    {
        while (_items.Count == 0)
        {
            if (!_frames.MoveNext())
            {
                throw new ProtocolException($"{channel.Peer} ended its answers before the last file asked for; the connection was closed");
            }
            Parse(_frames.Current);
        }
        return _items.Dequeue();
    }

    /// <summary>After the last answer: the peer's end of the stream.</summary>
    public void ReadEnd()
    {
        if (_items.Count > 0 || _frames.MoveNext())
        {
            throw new ProtocolException($"{channel.Peer} sent answers to files nobody asked for; the connection was closed");
        }
    }

    private void Parse(ReadOnlyMemory<byte> frame)
    {
        var reader = new MessageReader(frame.Span, channel.Peer);
        while (!reader.AtEnd)
        {
            ulong tag = reader.Number();
            switch (tag)
            {
                case FetchItems.Chunk:
                    // A slice of the frame, which nobody writes to: no copy.
                    int length = reader.Bytes().Length;
                    _items.Enqueue(new Item(tag, frame.Slice(reader.Consumed - length, length)));
                    break;
                case FetchItems.Done:
                    ReadOnlySpan<byte> sha1 = reader.Bytes();
                    if (sha1.Length is not (0 or 20))
                    {
                        throw new ProtocolException($"{channel.Peer} sent a checksum of {sha1.Length} bytes; the connection was closed");
                    }
                    _items.Enqueue(new Item(tag, sha1.ToArray()));
                    break;
                case FetchItems.Failed:
                    string type = reader.Text();
                    string message = reader.Text();
                    if (type is not ("ListError" or "UpdateError" or "SpecialFileError") || message.Length > 4096)
                    {
                        throw new ProtocolException($"{channel.Peer} sent a malformed file error; the connection was closed");
                    }
                    _items.Enqueue(new Item(tag, ReadOnlyMemory<byte>.Empty, type, message));
                    break;
                default:
                    throw new ProtocolException($"{channel.Peer} sent an answer item of an unknown kind; the connection was closed");
            }
        }
    }
}
