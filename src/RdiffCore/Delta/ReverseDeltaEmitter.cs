using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace RdiffCore.Delta;

/// <summary>
/// Turns the scanners' matches, in old-file order, into delta commands: overlaps between segments
/// are trimmed, the gaps between matches become literals read from the old file, and the first and
/// last gaps also try the common prefix and suffix of the two files (tiny files have no blocks).
/// </summary>
internal sealed class ReverseDeltaEmitter : IDisposable
{
    // A shorter COPY saves nothing over its literal and costs the patcher a seek.
    internal const int MinMatch = 16;

    private readonly DeltaWriter _writer;
    private readonly SafeFileHandle _old;
    private readonly long _oldLength;
    private readonly BasisWindow _new;
    private readonly SafeFileHandle _newFile;
    private const int MaxBuffer = 1 << 20;

    private readonly byte[] _buffer;
    private byte[]? _other;
    private long _frontier;
    private long _lastCopyEnd = -1;

    public ReverseDeltaEmitter(DeltaWriter writer, SafeFileHandle old, long oldLength, SafeFileHandle newFile, long newLength)
    {
        _writer = writer;
        _old = old;
        _oldLength = oldLength;
        // Buffers no larger than the files: small files are the common case in a backup.
        _buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(oldLength, 1, MaxBuffer));
        _new = new BasisWindow(newFile, newLength, (int)Math.Clamp(newLength, 1, MaxBuffer));
        _newFile = newFile;
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
        // Segments start without knowing the alignment before them, so in repeated content (zero
        // runs of sparse files) a match may point elsewhere than where the last COPY continues.
        // Where the new file's bytes agree, continue the last COPY instead: one command, not many.
        long continued = _lastCopyEnd >= 0 && _lastCopyEnd != match.NewStart ? EqualNewBytes(_lastCopyEnd, match.NewStart, match.Length) : 0;
        if (continued > 0)
        {
            _writer.Copy(_lastCopyEnd, continued);
        }
        _writer.Copy(match.NewStart + continued, match.Length - continued);
        _lastCopyEnd = continued == match.Length ? _lastCopyEnd + continued : match.NewStart + match.Length;
        _frontier = match.OldEnd;
    }

    public void Dispose()
    {
        _new.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        if (_other is not null)
        {
            ArrayPool<byte>.Shared.Return(_other);
        }
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
                _lastCopyEnd = prefix;
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
            _lastCopyEnd = _new.Length;
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

    // How many bytes from new-file offsets a and b on are equal, up to length.
    private long EqualNewBytes(long a, long b, long length)
    {
        length = Math.Min(length, _new.Length - a);
        _other ??= ArrayPool<byte>.Shared.Rent((int)Math.Clamp(length, 1, MaxBuffer));
        long total = 0;
        while (total < length)
        {
            int chunk = (int)Math.Min(_other.Length, length - total);
            int got = RandomAccess.Read(_newFile, _other.AsSpan(0, chunk), a + total);
            int common = ByteRuns.CommonPrefix(_other.AsSpan(0, got), _new.Get(b + total, got));
            total += common;
            if (common < chunk)
            {
                break;
            }
        }
        return total;
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
        ExactRead.Fill(_old, _buffer.AsSpan(0, length), offset);
        return length;
    }
}
