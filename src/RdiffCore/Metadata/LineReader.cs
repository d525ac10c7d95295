namespace RdiffCore.Metadata;

/// <summary>
/// Splits a metadata stream into '\n'-terminated lines without copying them: each line is a span
/// into a 64 KiB buffer, valid until the next call. A last line without '\n' still counts.
/// Lines and records are bounded (<see cref="MaxLine"/>, <see cref="MaxRecord"/>): the largest
/// real record (64 KiB xattr values, escaped; 4 KiB symlink targets) is far below both, so a
/// longer one is damage and must not grow the buffer until memory runs out.
/// </summary>
internal sealed class LineReader : IDisposable
{
    /// <summary>The longest line accepted, in bytes.</summary>
    public const int MaxLine = 16 << 20;

    /// <summary>The most bytes the lines of one record may add up to.</summary>
    public const long MaxRecord = 64L << 20;

    private const int InitialCapacity = 64 * 1024;

    private readonly Stream _input;
    private readonly bool _leaveOpen;
    private byte[] _buffer = new byte[InitialCapacity];
    private int _start;
    private int _end;
    private int _scanned;
    private bool _atEnd;
    private long _recordBytes;

    public LineReader(Stream input, string name, bool leaveOpen)
    {
        _input = input;
        Name = name;
        _leaveOpen = leaveOpen;
    }

    /// <summary>The file's name, for error messages.</summary>
    public string Name { get; }

    /// <summary>The number of the line last returned, from 1.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Starts counting the bytes of a new record against <see cref="MaxRecord"/>.</summary>
    public void StartRecord() => _recordBytes = 0;

    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            int newline = _buffer.AsSpan(_scanned, _end - _scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                int lineEnd = _scanned + newline;
                line = _buffer.AsSpan(_start, lineEnd - _start);
                _start = _scanned = lineEnd + 1;
                Count(line.Length + 1);
                return true;
            }
            _scanned = _end;
            if (_atEnd)
            {
                line = _buffer.AsSpan(_start, _end - _start);
                bool any = _end > _start;
                _start = _scanned = _end;
                if (any)
                {
                    Count(line.Length);
                }
                return any;
            }
            Fill();
        }
    }

    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _input.Dispose();
        }
    }

    private void Count(int bytes)
    {
        LineNumber++;
        _recordBytes += bytes;
        if (_recordBytes > MaxRecord)
        {
            throw new CorruptMetadataException(
                $"The metadata file {Name} is damaged: the record that ends at line {LineNumber} is longer than {MaxRecord >> 20} MiB, which no real record is; restore the file from a copy of the repository.");
        }
    }

    private void Fill()
    {
        int pending = _end - _start;
        if (_start > 0)
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
        }
        else if (pending == _buffer.Length)
        {
            // One line longer than the buffer (a huge xattr value): grow instead of splitting it, up to the bound.
            if (_buffer.Length >= MaxLine)
            {
                throw new CorruptMetadataException(
                    $"The metadata file {Name} is damaged: line {LineNumber + 1} is longer than {MaxLine >> 20} MiB, which no real record has; restore the file from a copy of the repository.");
            }
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        _start = 0;
        _end = pending;
        _scanned = pending;
        int read;
        try
        {
            read = _input.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (InvalidDataException error)
        {
            throw new CorruptMetadataException($"The metadata file {Name} is not valid gzip data ({error.Message}); restore it from a copy of the repository.", error);
        }
        if (read == 0)
        {
            _atEnd = true;
        }
        _end += read;
    }
}
