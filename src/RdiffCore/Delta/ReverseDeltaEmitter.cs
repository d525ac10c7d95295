using Microsoft.Win32.SafeHandles;

namespace RdiffCore.Delta;

/// <summary>
/// Turns the scanners' matches, in old-file order, into delta commands: overlaps between segments
/// are trimmed, the gaps between matches become literals read from the old file, and the first and
/// last gaps also try the common prefix and suffix of the two files (tiny files have no blocks).
/// </summary>
internal sealed class ReverseDeltaEmitter
{
    // A shorter COPY saves nothing over its literal and costs the patcher a seek.
    internal const int MinMatch = 16;

    private readonly DeltaWriter _writer;
    private readonly SafeFileHandle _old;
    private readonly long _oldLength;
    private readonly BasisWindow _new;
    private readonly byte[] _buffer = new byte[1 << 20];
    private long _frontier;

    public ReverseDeltaEmitter(DeltaWriter writer, SafeFileHandle old, long oldLength, SafeFileHandle newFile, long newLength)
    {
        _writer = writer;
        _old = old;
        _oldLength = oldLength;
        _new = new BasisWindow(newFile, newLength);
    }

    public void Add(Match match)
    {
        if (match.OldEnd <= _frontier)
        {
            return;
        }
        if (match.OldStart < _frontier)
        {
            long cut = _frontier - match.OldStart;
            match = new Match(_frontier, match.NewStart + cut, match.Length - cut);
        }
        if (match.Length < MinMatch)
        {
            return;
        }
        EmitGap(match.OldStart, tail: false);
        _writer.Copy(match.NewStart, match.Length);
        _frontier = match.OldEnd;
    }

    public DeltaStats Finish()
    {
        EmitGap(_oldLength, tail: true);
        return _writer.Finish();
    }

    private void EmitGap(long end, bool tail)
    {
        long start = _frontier;
        if (start == end)
        {
            return;
        }
        if (start == 0)
        {
            long prefix = CommonPrefixWithNew(end);
            if (prefix >= MinMatch)
            {
                _writer.Copy(0, prefix);
                start = prefix;
            }
        }
        long suffix = tail ? CommonSuffixWithNew(start, end) : 0;
        if (suffix < MinMatch)
        {
            suffix = 0;
        }
        EmitLiteral(start, end - suffix);
        if (suffix > 0)
        {
            _writer.Copy(_new.Length - suffix, suffix);
        }
        _frontier = end;
    }

    private void EmitLiteral(long start, long end)
    {
        for (long at = start; at < end;)
        {
            int length = ReadOld(at, (int)Math.Min(_buffer.Length, end - at));
            _writer.Literal(_buffer.AsSpan(0, length));
            at += length;
        }
    }

    private long CommonPrefixWithNew(long end)
    {
        long total = 0;
        long room = Math.Min(end, _new.Length);
        while (total < room)
        {
            int length = ReadOld(total, (int)Math.Min(_buffer.Length, room - total));
            int common = ByteRuns.CommonPrefix(_buffer.AsSpan(0, length), _new.Get(total, length));
            total += common;
            if (common < length)
            {
                break;
            }
        }
        return total;
    }

    private long CommonSuffixWithNew(long start, long end)
    {
        long total = 0;
        long room = Math.Min(end - start, _new.Length);
        while (total < room)
        {
            int length = (int)Math.Min(_buffer.Length, room - total);
            ReadOld(end - total - length, length);
            int common = ByteRuns.CommonSuffix(_buffer.AsSpan(0, length), _new.Get(_new.Length - total - length, length));
            total += common;
            if (common < length)
            {
                break;
            }
        }
        return total;
    }

    private int ReadOld(long offset, int length)
    {
        int have = 0;
        while (have < length)
        {
            int got = RandomAccess.Read(_old, _buffer.AsSpan(have, length - have), offset + have);
            if (got == 0)
            {
                throw new IOException($"The old file shrank while being read (expected {_oldLength} bytes).");
            }
            have += got;
        }
        return length;
    }
}
