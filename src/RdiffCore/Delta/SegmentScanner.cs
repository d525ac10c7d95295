using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace RdiffCore.Delta;

/// <summary>
/// Phase B of a reverse delta, for one segment of the old file: roll the RabinKarp sum over the old
/// bytes; where the filter and the index name a block of the new file, compare the bytes, then
/// extend the match backwards and forwards byte by byte. A match may run up to one block past the
/// segment on either side; the emitter trims overlaps between segments. Segments are independent,
/// so several scanners can run at once.
/// </summary>
internal sealed class SegmentScanner : IDisposable
{
    private const int CompareChunk = 256 * 1024;

    private readonly BlockIndex _index;
    private readonly SafeFileHandle _old;
    private readonly long _oldLength;
    private readonly BasisWindow _new;
    private readonly byte[] _oldBuffer;
    private readonly int _blockSize;
    // Near the last match every position is tried. Further away only every fifth: a block size is a
    // power of two, so the aligned new-file blocks inside a matching run fall on every residue
    // modulo 5, and any run of six blocks or more is still found (then extended byte by byte).
    private const long DenseReach = 64 * 1024;
    private const int SparseStride = 5;

    private readonly uint[] _sums = new uint[16384];
    private readonly uint[] _outgoing;
    private long _low;
    private long _high;

    public SegmentScanner(BlockIndex index, SafeFileHandle old, long oldLength, SafeFileHandle newFile, long newLength, int segmentSize)
    {
        _index = index;
        _old = old;
        _oldLength = oldLength;
        _blockSize = index.BlockSize;
        // Buffers no larger than the files: small files are the common case in a backup.
        _new = new BasisWindow(newFile, newLength, (int)Math.Clamp(newLength, _blockSize, CompareChunk));
        _oldBuffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(segmentSize, oldLength) + (2 * _blockSize));
        _outgoing = RabinKarp.OutgoingTable(_blockSize);
    }

    public void Dispose()
    {
        _new.Dispose();
        ArrayPool<byte>.Shared.Return(_oldBuffer);
    }

    /// <summary>The verified matches of old bytes [start, end), in increasing old offset.</summary>
    public List<Match> Scan(long start, long end)
    {
        var matches = new List<Match>();
        int b = _blockSize;
        _low = Math.Max(0, start - b);
        _high = Math.Min(_oldLength, end + b);
        ReadOld();
        ReadOnlySpan<byte> old = _oldBuffer.AsSpan(0, (int)(_high - _low));
        long previousEnd = _low;
        long diagonal = long.MinValue;
        long p = start;
        while (p < end && p + b <= _high)
        {
            long last = Math.Min(end - 1, _high - b);
            int q = (int)(p - _low);
            int qLast = (int)(last - _low);
            Match found = default;
            while (true)
            {
                // Sums of a run of positions first, then the filter over them: the filter's loads
                // then overlap instead of stalling the multiply chain of the roll.
                int run = Math.Min(_sums.Length, qLast - q + 1);
                RabinKarp.RollMany(old.Slice(q, run + b - 1), b, _outgoing, _sums.AsSpan(0, run));
                int stride = _low + q - previousEnd > DenseReach ? SparseStride : 1;
                int first = stride == 1 ? 0 : (int)((stride - ((_low + q) % stride)) % stride);
                int hit = _index.FirstCandidate(_sums.AsSpan(0, run), first, stride);
                while (hit >= 0 && !TryMatch(old, q + hit, _sums[hit], previousEnd, diagonal, out found))
                {
                    hit = _index.FirstCandidate(_sums.AsSpan(0, run), hit + stride, stride);
                }
                if (found.Length > 0 || q + run > qLast)
                {
                    break;
                }
                q += run;
            }
            if (found.Length == 0)
            {
                break;
            }
            matches.Add(found);
            previousEnd = found.OldEnd;
            diagonal = found.NewStart - found.OldStart;
            p = found.OldEnd;
        }
        return matches;
    }

    private bool TryMatch(ReadOnlySpan<byte> old, int q, uint hash, long previousEnd, long diagonal, out Match match)
    {
        match = default;
        int b = _blockSize;
        ReadOnlySpan<byte> window = old.Slice(q, b);
        if (!_index.TryFind(hash, out long block, out uint check) || check != BlockIndex.Check(window))
        {
            return false;
        }
        long oldAt = _low + q;
        long newAt = block * b;
        // Prefer continuing the previous alignment, so that repeated blocks stay one COPY.
        long onDiagonal = oldAt + diagonal;
        if (diagonal != long.MinValue && onDiagonal != newAt && onDiagonal >= 0 && onDiagonal + b <= _new.Length
            && window.SequenceEqual(_new.Get(onDiagonal, b)))
        {
            newAt = onDiagonal;
        }
        else if (!window.SequenceEqual(_new.Get(newAt, b)))
        {
            return false;
        }
        long back = ExtendBackward(old, q, newAt, Math.Max(previousEnd, _low));
        long forward = ExtendForward(old, q + b, newAt + b);
        match = new Match(oldAt - back, newAt - back, back + b + forward);
        return true;
    }

    private long ExtendBackward(ReadOnlySpan<byte> old, int q, long newAt, long limit)
    {
        long total = 0;
        long room = Math.Min(_low + q - limit, newAt);
        while (total < room)
        {
            int length = (int)Math.Min(Math.Min(room - total, CompareChunk), _new.MaxRead);
            ReadOnlySpan<byte> newBytes = _new.Get(newAt - total - length, length);
            int common = ByteRuns.CommonSuffix(old.Slice((int)(q - total - length), length), newBytes);
            total += common;
            if (common < length)
            {
                break;
            }
        }
        return total;
    }

    private long ExtendForward(ReadOnlySpan<byte> old, int from, long newAt)
    {
        long total = 0;
        while (true)
        {
            long room = Math.Min(old.Length - (from + total), _new.Length - (newAt + total));
            if (room <= 0)
            {
                return total;
            }
            int length = (int)Math.Min(Math.Min(room, CompareChunk), _new.MaxRead);
            ReadOnlySpan<byte> newBytes = _new.Get(newAt + total, length);
            int common = ByteRuns.CommonPrefix(old.Slice((int)(from + total), length), newBytes);
            total += common;
            if (common < length)
            {
                return total;
            }
        }
    }

    private void ReadOld() => ExactRead.Fill(_old, _oldBuffer.AsSpan(0, (int)(_high - _low)), _low);
}
