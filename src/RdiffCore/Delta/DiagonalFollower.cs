using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace RdiffCore.Delta;

/// <summary>
/// Phase A's shortcut for the common case, a new version that is the old one with local edits.
/// While a chunk of new data is still in memory (the very bytes just written to the copy), it is
/// compared with the old file along the current alignment, old offset = new offset + diagonal, and
/// every run of equal bytes is recorded. Where the bytes part, one block of the new data a little
/// further on is looked for near the old alignment by its rolling sum (an insertion or deletion
/// moves the diagonal), and the run resumes there. Phase B then scans only the old bytes no run
/// covers, so a file with scattered edits is not read a second time. Runs go forward in both files;
/// a file that keeps failing to line up (unrelated data) is given up, and phase B does everything.
/// </summary>
internal sealed class DiagonalFollower : IDisposable
{
    // How far from the expected old offset a lost alignment is looked for, either way.
    private const int Window = 64 * 1024;
    // Runs kept (24 bytes each): past this, phase B covers the rest of the file.
    private const int MaxRuns = 1 << 16;
    // Searches that found nothing, beyond one per run found, before the file is taken as unrelated.
    private const int MaxFailures = 32;
    private const int CompareChunk = 1 << 20;

    private readonly SafeFileHandle _old;
    private readonly long _oldLength;
    private readonly int _blockSize;
    private readonly uint[] _outgoing;
    private readonly List<Match> _runs = [];
    private readonly byte[] _oldBuffer;
    private readonly byte[] _window;
    private readonly uint[] _sums;

    private long _diagonal;
    private bool _aligned = true;
    private bool _inRun;
    private long _runNewStart;
    // Where the last run ended, in each file: the next run starts at or after both.
    private long _newFloor;
    private long _oldFloor;
    private long _searchAt;
    private int _searchesThisGap;
    private int _failures;
    private bool _stopped;

    public DiagonalFollower(SafeFileHandle old, long oldLength, int blockSize)
    {
        _old = old;
        _oldLength = oldLength;
        _blockSize = blockSize;
        _outgoing = RabinKarp.OutgoingTable(blockSize);
        // Buffers no larger than the old file: small files are the common case in a backup.
        _oldBuffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(oldLength, 1, CompareChunk));
        int window = (int)Math.Clamp(oldLength, 1, (2 * Window) + blockSize);
        _window = ArrayPool<byte>.Shared.Rent(window);
        _sums = ArrayPool<uint>.Shared.Rent(window);
        _stopped = oldLength == 0;
    }

    /// <summary>The runs found, increasing in both files and not overlapping.</summary>
    public IReadOnlyList<Match> Runs => _runs;

    /// <summary>Follows the new data's chunk that starts at <paramref name="offset"/> (chunks come in order).</summary>
    public void Follow(ReadOnlySpan<byte> chunk, long offset)
    {
        long end = offset + chunk.Length;
        long at = offset;
        while (at < end && !_stopped)
        {
            if (_aligned)
            {
                at = Compare(chunk, offset, at);
                continue;
            }
            _searchAt = Math.Max(_searchAt, offset);
            if (_searchAt + _blockSize > end)
            {
                return;
            }
            // Not found: the next search, further on, is tried in the next round.
            if (Search(chunk, offset, out long resumeAt))
            {
                at = resumeAt;
            }
        }
    }

    /// <summary>Ends the last run at the end of the new data.</summary>
    public void Finish(long newLength) => CloseRun(newLength);

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_oldBuffer);
        ArrayPool<byte>.Shared.Return(_window);
        ArrayPool<uint>.Shared.Return(_sums);
    }

    // Compares from `at` along the diagonal as far as the chunk and the old file agree; returns where it stopped.
    private long Compare(ReadOnlySpan<byte> chunk, long offset, long at)
    {
        long end = offset + chunk.Length;
        long oldAt = at + _diagonal;
        int length = (int)Math.Min(Math.Min(end - at, _oldLength - oldAt), _oldBuffer.Length);
        if (length <= 0)
        {
            LoseAlignment(at);
            return at;
        }
        ExactRead.Fill(_old, _oldBuffer.AsSpan(0, length), oldAt);
        int common = ByteRuns.CommonPrefix(chunk.Slice((int)(at - offset), length), _oldBuffer.AsSpan(0, length));
        if (common > 0 && !_inRun)
        {
            _inRun = true;
            _runNewStart = at;
        }
        if (common < length)
        {
            LoseAlignment(at + common);
        }
        return at + common;
    }

    private void LoseAlignment(long at)
    {
        CloseRun(at);
        _aligned = false;
        _searchesThisGap = 0;
        _searchAt = at + _blockSize;
    }

    private void CloseRun(long newEnd)
    {
        if (!_inRun)
        {
            return;
        }
        _inRun = false;
        long length = newEnd - _runNewStart;
        if (length >= ReverseDeltaEmitter.MinMatch)
        {
            _runs.Add(new Match(_runNewStart + _diagonal, _runNewStart, length));
            _newFloor = newEnd;
            _oldFloor = newEnd + _diagonal;
            _stopped = _runs.Count >= MaxRuns;
        }
    }

    // Looks for the new block at _searchAt in the old file near where the last alignment puts it.
    // Found: the diagonal moves there and the run is taken back as far as the bytes agree (within
    // this chunk); returns where comparing resumes. Not found: the next search is further on.
    private bool Search(ReadOnlySpan<byte> chunk, long offset, out long resumeAt)
    {
        int b = _blockSize;
        ReadOnlySpan<byte> block = chunk.Slice((int)(_searchAt - offset), b);
        long expected = _searchAt + _diagonal;
        long low = Math.Max(_oldFloor, expected - Window);
        long high = Math.Min(_oldLength, expected + Window + b);
        long found = -1;
        if (high - low >= b)
        {
            Span<byte> window = _window.AsSpan(0, (int)(high - low));
            ExactRead.Fill(_old, window, low);
            Span<uint> sums = _sums.AsSpan(0, window.Length - b + 1);
            RabinKarp.RollMany(window, b, _outgoing, sums);
            uint target = RabinKarp.Hash(block);
            long best = long.MaxValue;
            for (int i = sums.IndexOf(target); i >= 0; i = NextIndex(sums, target, i))
            {
                long distance = Math.Abs(low + i - expected);
                if (distance < best && window.Slice(i, b).SequenceEqual(block))
                {
                    best = distance;
                    found = low + i;
                }
            }
        }
        if (found < 0)
        {
            _searchesThisGap++;
            _failures++;
            _stopped = _failures >= MaxFailures + _runs.Count;
            // Further and further on: an edit longer than a block is passed in a few steps.
            _searchAt += (long)b << Math.Min(_searchesThisGap, 9);
            resumeAt = -1;
            return false;
        }
        _diagonal = found - _searchAt;
        _aligned = true;
        // Back from the found block toward the last run's end, within this chunk and the old file's floor.
        long limit = Math.Max(Math.Max(offset, _newFloor), _searchAt - (found - _oldFloor));
        int room = (int)Math.Min(_searchAt - limit, _oldBuffer.Length);
        int back = 0;
        if (room > 0)
        {
            ExactRead.Fill(_old, _oldBuffer.AsSpan(0, room), found - room);
            back = ByteRuns.CommonSuffix(chunk.Slice((int)(_searchAt - room - offset), room), _oldBuffer.AsSpan(0, room));
        }
        resumeAt = _searchAt - back;
        return true;
    }

    private static int NextIndex(ReadOnlySpan<uint> sums, uint target, int after)
    {
        int next = sums[(after + 1)..].IndexOf(target);
        return next < 0 ? -1 : after + 1 + next;
    }
}
