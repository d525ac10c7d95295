using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace RdiffCore.Storage;

/// <summary>
/// Reads gzip data and checks what GZipStream does not: that every member ends with its trailer.
/// .NET's GZipStream stops quietly where a stream is cut short, so a truncated increment or metadata
/// file would read as a shorter valid one. Here each member's header is parsed, its deflate data is
/// inflated by a DeflateStream, and the CRC-32 and length (ISIZE) of what came out must be the 8
/// bytes that follow. Members may be concatenated, and zero bytes after the last one are padding,
/// as gzip(1) and Python read them. An empty input is empty data: GZipStream writes nothing at all
/// for an empty file, and Python reads a zero-length file as empty.
/// Every failure is an <see cref="InvalidDataException"/>; the caller names the file.
/// </summary>
internal sealed class VerifiedGzipStream : Stream
{
    private const int BufferSize = 64 << 10;

    // The inflater gets at most this much per read, so where its data ends lies within its last two
    // reads, which stay in the buffer until the trailer is found.
    private const int FeedSize = 16 << 10;
    private const int MinFeed = 64;

    private readonly Stream _input;
    private readonly bool _leaveOpen;
    private readonly byte[] _buffer = new byte[BufferSize];
    private readonly Crc32 _crc = new();
    private readonly Feed _feed;
    private int _start, _end;
    private int _lastFeed, _previousFeed;
    private bool _inputEnded;
    private DeflateStream? _member;
    private bool _inMember;
    private uint _length;
    private bool _anyMember;
    private bool _finished;

    public VerifiedGzipStream(Stream input, bool leaveOpen = false)
    {
        _input = input;
        _leaveOpen = leaveOpen;
        _feed = new Feed(this);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }
        // The buffer is filled as far as the data goes, so that damage at the end of data that fits
        // is found before any of it is handed out.
        int total = 0;
        while (!_finished && total < buffer.Length)
        {
            if (_member is null && !StartMember())
            {
                _finished = true;
                break;
            }
            int read = _member!.Read(buffer[total..]);
            if (read > 0)
            {
                _crc.Append(buffer.Slice(total, read));
                _length += (uint)read;
                total += read;
                continue;
            }
            EndMember();
        }
        return total;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _member?.Dispose();
            _member = null;
            if (!_leaveOpen)
            {
                _input.Dispose();
            }
        }
        base.Dispose(disposing);
    }

    /// <summary>Parses the next member's header (RFC 1952 §2.3); false at the end of the input.</summary>
    private bool StartMember()
    {
        if (_anyMember)
        {
            while (Ensure(1) && _buffer[_start] == 0)
            {
                _start++;
            }
        }
        if (!Ensure(1))
        {
            return false;
        }
        if (!Ensure(10))
        {
            throw new InvalidDataException("it ends inside a gzip header");
        }
        ReadOnlySpan<byte> header = _buffer.AsSpan(_start, 10);
        if (header[0] != 0x1f || header[1] != 0x8b)
        {
            throw new InvalidDataException(_anyMember ? "it has data after its gzip data" : "it is not gzip data");
        }
        byte flags = header[3];
        if (header[2] != 8 || (flags & 0xe0) != 0)
        {
            throw new InvalidDataException("its gzip header names an unknown method or flags");
        }
        _start += 10;
        if ((flags & 0x04) != 0)
        {
            Skip(Ensure(2) ? BinaryPrimitives.ReadUInt16LittleEndian(_buffer.AsSpan(_start, 2)) + 2 : int.MaxValue);
        }
        for (int field = 0x08; field <= 0x10; field <<= 1)
        {
            if ((flags & field) != 0)
            {
                SkipZeroTerminated();
            }
        }
        if ((flags & 0x02) != 0)
        {
            Skip(2);
        }
        _anyMember = true;
        _crc.Reset();
        _length = 0;
        _lastFeed = _previousFeed = _start;
        _inMember = true;
        _member = new DeflateStream(_feed, CompressionMode.Decompress, leaveOpen: true);
        return true;
    }

    /// <summary>The inflater is done: its CRC-32 and length must follow where its data ended.</summary>
    private void EndMember()
    {
        _member!.Dispose();
        _member = null;
        Span<byte> expected = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(expected, _crc.GetCurrentHashAsUInt32());
        BinaryPrimitives.WriteUInt32LittleEndian(expected[4..], _length);
        for (int offset = 0; _previousFeed + offset <= _start; offset++)
        {
            while (_end < _previousFeed + offset + 8 && FillMore())
            {
            }
            int at = _previousFeed + offset;
            if (_end < at + 8)
            {
                break;
            }
            if (_buffer.AsSpan(at, 8).SequenceEqual(expected))
            {
                _start = at + 8;
                _inMember = false;
                return;
            }
        }
        throw new InvalidDataException("no gzip trailer with the CRC-32 and length of its data follows it (the file is cut short or altered)");
    }

    private bool Ensure(int count)
    {
        while (_end - _start < count)
        {
            if (!FillMore())
            {
                return false;
            }
        }
        return true;
    }

    private void Skip(int count)
    {
        while (count > 0)
        {
            if (!Ensure(1))
            {
                throw new InvalidDataException("it ends inside a gzip header");
            }
            int take = Math.Min(count, _end - _start);
            _start += take;
            count -= take;
        }
    }

    private void SkipZeroTerminated()
    {
        while (true)
        {
            if (!Ensure(1))
            {
                throw new InvalidDataException("it ends inside a gzip header");
            }
            if (_buffer[_start++] == 0)
            {
                return;
            }
        }
    }

    /// <summary>Reads more input, keeping the inflater's last two reads while a member is open; false at the end.</summary>
    private bool FillMore()
    {
        if (_inputEnded)
        {
            return false;
        }
        if (_end == _buffer.Length)
        {
            int keep = _inMember ? Math.Min(_previousFeed, _start) : _start;
            _buffer.AsSpan(keep, _end - keep).CopyTo(_buffer);
            _start -= keep;
            _end -= keep;
            _lastFeed -= keep;
            _previousFeed -= keep;
        }
        int read = _input.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _inputEnded = true;
            return false;
        }
        _end += read;
        return true;
    }

    private int FeedRead(Span<byte> destination)
    {
        // No tiny reads before the end: the inflater may hand back a few bytes of the read before its last.
        while (_end - _start < MinFeed && FillMore())
        {
        }
        if (_start == _end)
        {
            return 0;
        }
        int count = Math.Min(Math.Min(destination.Length, FeedSize), _end - _start);
        _previousFeed = _lastFeed;
        _lastFeed = _start;
        _buffer.AsSpan(_start, count).CopyTo(destination);
        _start += count;
        return count;
    }

    /// <summary>What the inflater reads from: the owner's buffer, in pieces it can account for.</summary>
    private sealed class Feed(VerifiedGzipStream owner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => owner.FeedRead(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer) => owner.FeedRead(buffer);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
