using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using RdiffCore.Model;
using RdiffCore.Remote.Wire;
using RdiffCore.Restore;

namespace RdiffCore.Remote;

/// <summary>
/// The target side of a remote restore: reads the Restore stream item by item, hands its records
/// to the restore writer and, when the writer asks for a file's data, copies the chunks that
/// follow the record into the target file. Data the writer does not ask for (a path the selection
/// left out) is read past.
/// </summary>
internal sealed class RestoreReceiver(Channel channel, Action<string> warn) : IRestoreData
{
    private readonly IEnumerator<ReadOnlyMemory<byte>> _frames = channel.Stream().GetEnumerator();
    private readonly Queue<Item> _items = new();
    private MetadataRecord? _pendingData;

    /// <summary>The path restored, as the repository names it.</summary>
    public RelPath SubPath { get; private set; }

    /// <summary>The session restored.</summary>
    public long Session { get; private set; }

    /// <summary>The paths the repository side counted as lost (known once the records are read).</summary>
    public int Lost { get; private set; }

    private readonly record struct Item(ulong Tag, MetadataRecord? Record = null, bool Flag = false, ReadOnlyMemory<byte> Bytes = default, string? Text = null, ulong Number = 0, long Time = 0);

    /// <summary>Reads up to the header.</summary>
    public void Start()
    {
        Item header = Next();
        if (header.Tag != RestoreItems.Header || !RelPath.TryFromRecorded(header.Bytes.Span, out RelPath subPath))
        {
            throw Broken("the restore stream did not start with its header");
        }
        SubPath = subPath;
        Session = header.Time;
    }

    /// <summary>The records, in the order sent; <paramref name="stop"/> is checked between two of them.</summary>
    public IEnumerable<MetadataRecord> Records(CancellationToken stop)
    {
        while (true)
        {
            stop.ThrowIfCancellationRequested();
            SkipData();
            Item item = Next();
            switch (item.Tag)
            {
                case RestoreItems.Record:
                    if (!item.Record!.Path.IsAtOrBelow(SubPath))
                    {
                        throw Broken($"it sent '{item.Record.Path}', which is not below '{SubPath}'");
                    }
                    _pendingData = item.Flag ? item.Record : null;
                    yield return item.Record;
                    break;
                case RestoreItems.Lost:
                    Lost = (int)Math.Min(item.Number, int.MaxValue);
                    if (_frames.MoveNext() || _items.Count > 0)
                    {
                        throw Broken("it sent more after the end of the restore");
                    }
                    yield break;
                default:
                    throw Broken($"item {item.Tag} came where a record was due");
            }
        }
    }

    public bool Write(MetadataRecord record, byte[] output, SafeFileHandle outputFile, Func<(byte[] Path, SafeFileHandle File)> newTemp, IncrementalHash? hash)
    {
        if (_pendingData is null || _pendingData.Path != record.Path)
        {
            // The repository side sent no data for it (a later name of a hard-link group it counted otherwise).
            return false;
        }
        _pendingData = null;
        long offset = 0;
        while (true)
        {
            Item item = Next();
            switch (item.Tag)
            {
                case RestoreItems.Chunk:
                    RandomAccess.Write(outputFile, item.Bytes.Span, offset);
                    hash?.AppendData(item.Bytes.Span);
                    offset += item.Bytes.Length;
                    break;
                case RestoreItems.Done:
                    return item.Flag;
                case RestoreItems.Failed:
                    throw new CorruptDeltaException($"{item.Text} (on {channel.Peer})");
                default:
                    throw Broken($"item {item.Tag} came inside a file's data");
            }
        }
    }

    private void SkipData()
    {
        if (_pendingData is null)
        {
            return;
        }
        _pendingData = null;
        while (Next().Tag is not (RestoreItems.Done or RestoreItems.Failed))
        {
        }
    }

    /// <summary>The next item that is not a warning (warnings are passed on as they come).</summary>
    private Item Next()
    {
        while (true)
        {
            while (_items.Count == 0)
            {
                if (!_frames.MoveNext())
                {
                    throw Broken("the restore stream ended early");
                }
                Parse(_frames.Current);
            }
            Item item = _items.Dequeue();
            if (item.Tag != RestoreItems.Warning)
            {
                return item;
            }
            warn(item.Text!);
        }
    }

    private void Parse(ReadOnlyMemory<byte> frame)
    {
        var reader = new MessageReader(frame.Span, channel.Peer);
        while (!reader.AtEnd)
        {
            ulong tag = reader.Number();
            _items.Enqueue(tag switch
            {
                RestoreItems.Header => new Item(tag, Bytes: reader.Bytes().ToArray(), Time: reader.Time()),
                RestoreItems.Record => new Item(tag, Record: RecordCodec.Read(ref reader, channel.Peer), Flag: reader.Number() == 1),
                // A slice of the frame, which nobody writes to: no copy.
                RestoreItems.Chunk => new Item(tag, Bytes: Slice(frame, ref reader)),
                RestoreItems.Done => new Item(tag, Flag: reader.Number() == 1),
                RestoreItems.Failed or RestoreItems.Warning => new Item(tag, Text: Line(reader.Text())),
                RestoreItems.Lost => new Item(tag, Number: reader.Number()),
                _ => throw Broken($"it sent a restore item of unknown kind {tag}"),
            });
        }
    }

    private static ReadOnlyMemory<byte> Slice(ReadOnlyMemory<byte> frame, ref MessageReader reader)
    {
        int length = reader.Bytes().Length;
        return frame.Slice(reader.Consumed - length, length);
    }

    // A line from the far side is shown here: no control characters, a bounded length.
    private static string Line(string text)
    {
        string line = new([.. text.Take(2000).Select(c => char.IsControl(c) ? '?' : c)]);
        return line;
    }

    private ProtocolException Broken(string what) => new($"{channel.Peer} broke the restore protocol ({what}); the connection was closed");
}
