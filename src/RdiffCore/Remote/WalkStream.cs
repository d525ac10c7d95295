using RdiffCore.Model;
using RdiffCore.Remote.Wire;
using RdiffCore.Reporting;
using RdiffCore.Source;

namespace RdiffCore.Remote;

/// <summary>
/// A walk on the wire: the source side sends its entries in canonical order, packed into data
/// frames of up to about 256 KiB, with each per-file error in its place, and an end frame; the other
/// side reads them back as one stream. The channel's flow control bounds what is in flight.
/// </summary>
internal static class WalkStream
{
    private const ulong EntryItem = 1, ErrorItem = 2;
    private const int Batch = 256 << 10;

    /// <summary>Sends every entry of <paramref name="walk"/> (which reports its per-file errors to the sink it is given) on <paramref name="channel"/>.</summary>
    public static void Send(Func<IFileErrors, IEnumerable<SourceEntry>> walk, Channel channel)
    {
        var batch = new MessageWriter();
        foreach (SourceEntry entry in walk(new SentErrors(batch)))
        {
            batch.Number(EntryItem);
            RecordCodec.Write(batch, entry.Record);
            batch.Number(entry.ListFailed ? 1UL : 0).Number(entry.Device).Number(entry.Inode);
            if (batch.Payload.Length >= Batch)
            {
                channel.Write(batch.Payload, tryCompression: true);
                batch.Clear();
            }
        }
        if (batch.Payload.Length > 0)
        {
            channel.Write(batch.Payload, tryCompression: true);
        }
        channel.End();
    }

    /// <summary>The entries of a walk as they arrive; <paramref name="errors"/> hears each per-file error the far side met, in its place.</summary>
    /// <param name="frames">The walk channel's data frames.</param>
    /// <param name="peer">Who sends them, for messages.</param>
    /// <param name="errors">Hears the per-file errors.</param>
    /// <param name="root">How the far side's source is named here (for messages).</param>
    public static IEnumerable<SourceEntry> Receive(IEnumerable<ReadOnlyMemory<byte>> frames, string peer, byte[] root, IFileErrors errors)
    {
        foreach (ReadOnlyMemory<byte> frame in frames)
        {
            foreach (Item item in Items(frame, peer, root))
            {
                if (item.Entry is { } entry)
                {
                    yield return entry;
                }
                else
                {
                    // In its place: error_log keeps the walk's order.
                    errors.Report(item.Type!, item.Path, item.Message!);
                }
            }
        }
    }

    private readonly record struct Item(SourceEntry? Entry, string? Type = null, RelPath Path = default, string? Message = null);

    private static List<Item> Items(ReadOnlyMemory<byte> payload, string peer, byte[] root)
    {
        var entries = new List<Item>();
        var reader = new MessageReader(payload.Span, peer);
        while (!reader.AtEnd)
        {
            switch (reader.Number())
            {
                case EntryItem:
                    MetadataRecord record = RecordCodec.Read(ref reader, peer);
                    ulong flags = reader.Number();
                    entries.Add(new Item(new SourceEntry(record, root, ListFailed: (flags & 1) != 0, Device: reader.Number(), Inode: reader.Number())));
                    break;
                case ErrorItem:
                    string type = reader.Text();
                    ReadOnlySpan<byte> path = reader.Bytes();
                    string message = reader.Text();
                    entries.Add(new Item(null, type, RelPath.TryFromRecorded(path, out RelPath relative) ? relative : RelPath.Root, message));
                    break;
                default:
                    throw new ProtocolException($"{peer} sent a walk item of an unknown kind; the connection was closed");
            }
        }
        return entries;
    }

    /// <summary>Per-file errors of the walk, sent in place among the entries.</summary>
    private sealed class SentErrors(MessageWriter batch) : IFileErrors
    {
        public int Count { get; private set; }

        public void Report(string type, RelPath path, string message)
        {
            Count++;
            batch.Number(ErrorItem).Text(type).Bytes(path.IsRoot ? "."u8 : path.Bytes).Text(message);
        }
    }
}
