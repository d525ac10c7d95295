using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Remote.Wire;
using RdiffCore.Reporting;
using RdiffCore.Source;

namespace RdiffCore.Remote;

/// <summary>
/// A walk on the wire: the source side sends its records in canonical order, packed into data
/// frames of up to about 256 KiB, with each per-file error in its place, and an end frame; the other
/// side reads them back as one stream. One direction only, so the pipe's own back pressure bounds
/// what either side holds.
/// </summary>
internal static class WalkStream
{
    private const ulong RecordItem = 1, ErrorItem = 2;
    private const int Batch = 256 << 10;

    /// <summary>Walks from <paramref name="opened"/> (owned) and sends every entry on <paramref name="channel"/>.</summary>
    public static void Send(DirectoryHandle opened, byte[] root, SourceOptions options, uint channel, FrameWriter writer)
    {
        var batch = new MessageWriter();
        var errors = new SentErrors(batch);
        foreach (SourceEntry entry in new SourceWalker(root, options, new OwnerNames(), errors).WalkOpened(opened))
        {
            batch.Number(RecordItem);
            RecordCodec.Write(batch, entry.Record);
            if (batch.Payload.Length >= Batch)
            {
                writer.Write(FrameKind.Data, channel, batch.Payload, tryCompression: true);
                batch.Clear();
            }
        }
        if (batch.Payload.Length > 0)
        {
            writer.Write(FrameKind.Data, channel, batch.Payload, tryCompression: true);
        }
        writer.Write(FrameKind.End, channel, []);
    }

    /// <summary>The records of a walk as they arrive; <paramref name="error"/> hears each per-file error the far side met.</summary>
    public static IEnumerable<MetadataRecord> Receive(IEnumerable<Frame> frames, string peer, Action<string, RelPath, string> error)
    {
        foreach (Frame frame in frames)
        {
            foreach (MetadataRecord record in Items(frame.Payload, peer, error))
            {
                yield return record;
            }
        }
    }

    private static List<MetadataRecord> Items(ReadOnlyMemory<byte> payload, string peer, Action<string, RelPath, string> error)
    {
        var records = new List<MetadataRecord>();
        var reader = new MessageReader(payload.Span, peer);
        while (!reader.AtEnd)
        {
            switch (reader.Number())
            {
                case RecordItem:
                    records.Add(RecordCodec.Read(ref reader, peer));
                    break;
                case ErrorItem:
                    string type = reader.Text();
                    ReadOnlySpan<byte> path = reader.Bytes();
                    string message = reader.Text();
                    error(type, RelPath.TryFromRecorded(path, out RelPath relative) ? relative : RelPath.Root, message);
                    break;
                default:
                    throw new ProtocolException($"{peer} sent a walk item of an unknown kind; the connection was closed");
            }
        }
        return records;
    }

    /// <summary>Per-file errors of the walk, sent in place among the records.</summary>
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
