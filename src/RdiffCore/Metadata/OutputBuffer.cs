using System.Globalization;

namespace RdiffCore.Metadata;

/// <summary>
/// Gathers the bytes of metadata records and hands them to the output stream in pieces of at least
/// <see cref="Capacity"/> bytes, because a gzip or file stream is slow when fed line by line.
/// </summary>
internal sealed class OutputBuffer : IDisposable
{
    public const int Capacity = 64 * 1024;

    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private byte[] _buffer = new byte[Capacity];
    private int _length;
    private bool _disposed;

    public OutputBuffer(Stream output, bool leaveOpen)
    {
        _output = output;
        _leaveOpen = leaveOpen;
    }

    /// <summary>Room for at least <paramref name="size"/> bytes; commit what was used with <see cref="Advance"/>.</summary>
    public Span<byte> GetSpan(int size)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_buffer.Length - _length < size)
        {
            WritePending();
            if (_buffer.Length < size)
            {
                // A single huge item (a long xattr value); grow once rather than split the encoding.
                _buffer = new byte[size];
            }
        }
        return _buffer.AsSpan(_length);
    }

    public void Advance(int count) => _length += count;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > Capacity)
        {
            WritePending();
            _output.Write(bytes);
            return;
        }
        bytes.CopyTo(GetSpan(bytes.Length));
        _length += bytes.Length;
    }

    public void Append(byte value)
    {
        GetSpan(1)[0] = value;
        _length++;
    }

    public void AppendDecimal(long value)
    {
        value.TryFormat(GetSpan(20), out int written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    public void AppendDecimal(ulong value)
    {
        value.TryFormat(GetSpan(20), out int written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    /// <summary>Appends the UTF-8 bytes of a name held as a string (user and group names, ACL qualifiers).</summary>
    public void AppendUtf8(string text)
    {
        Span<byte> target = GetSpan(System.Text.Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += System.Text.Encoding.UTF8.GetBytes(text, target);
    }

    /// <summary>Writes what is gathered to the stream, then flushes the stream.</summary>
    public void Flush()
    {
        WritePending();
        _output.Flush();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        WritePending();
        _disposed = true;
        if (!_leaveOpen)
        {
            _output.Dispose();
        }
    }

    private void WritePending()
    {
        if (_length > 0)
        {
            _output.Write(_buffer, 0, _length);
            _length = 0;
        }
    }
}
