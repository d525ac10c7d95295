namespace RdiffCore.Metadata;

/// <summary>
/// Splits a metadata stream into '\n'-terminated lines without copying them: each line is a span
/// into a 64 KiB buffer, valid until the next call. A last line without '\n' still counts.
/// </summary>
internal sealed class LineReader : IDisposable
{
    private const int InitialCapacity = 64 * 1024;

    private readonly Stream _input;
    private readonly bool _leaveOpen;
    private byte[] _buffer = new byte[InitialCapacity];
    private int _start;
    private int _end;
    private int _scanned;
    private bool _atEnd;

    public LineReader(Stream input, string name, bool leaveOpen)
    {
        _input = input;
        Name = name;
        _leaveOpen = leaveOpen;
    }

    /// <summary>The file's name, for error messages.</summary>
    public string Name { get; }

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
                return true;
            }
            _scanned = _end;
            if (_atEnd)
            {
                line = _buffer.AsSpan(_start, _end - _start);
                bool any = _end > _start;
                _start = _scanned = _end;
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

    private void Fill()
    {
        int pending = _end - _start;
        if (_start > 0)
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
        }
        else if (pending == _buffer.Length)
        {
            // One line longer than the buffer (a huge xattr value): grow instead of splitting it.
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
            throw new CorruptMetadataException($"The metadata file {Name} is not valid gzip data ({error.Message}); restore it from a copy or run regress.", error);
        }
        if (read == 0)
        {
            _atEnd = true;
        }
        _end += read;
    }
}
