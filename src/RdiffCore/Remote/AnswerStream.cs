using RdiffCore.Backup;
using RdiffCore.Storage;

namespace RdiffCore.Remote;

/// <summary>
/// One answer of a Fetch channel as a stream: its chunks up to the end item. A failure item is the
/// source side's per-file error (the file is skipped, the backup goes on). Disposing it early reads
/// the rest of the answer, so the next one starts where it should.
/// </summary>
internal sealed class AnswerStream(AnswerReader answers, string peer) : OneWayStream
{
    private ReadOnlyMemory<byte> _chunk;
    private int _at;
    private bool _done;

    /// <summary>The source's SHA-1 of the data a delta was made from (set at the end of a delta answer).</summary>
    public byte[]? SourceSha1 { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        while (_at == _chunk.Length)
        {
            if (_done)
            {
                return 0;
            }
            NextItem();
        }
        int take = Math.Min(buffer.Length, _chunk.Length - _at);
        _chunk.Span.Slice(_at, take).CopyTo(buffer);
        _at += take;
        return take;
    }

    private void NextItem()
    {
        AnswerReader.Item item = answers.Next();
        switch (item.Tag)
        {
            case FetchItems.Chunk:
                _chunk = item.Bytes;
                _at = 0;
                break;
            case FetchItems.Done:
                _done = true;
                SourceSha1 = item.Bytes.Length == 0 ? null : item.Bytes.ToArray();
                break;
            default:
                _done = true;
                throw new SkippedFileException(item.Type!, $"{item.Message} (on {peer})");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            while (!_done)
            {
                try
                {
                    NextItem();
                }
                catch (SkippedFileException)
                {
                    // Read to its end: what it failed with no longer matters.
                }
            }
        }
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
}
