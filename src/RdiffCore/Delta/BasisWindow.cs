using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace RdiffCore.Delta;

/// <summary>
/// Positional reads of a file through one buffer: sequential forward comparisons reload it rarely,
/// and a backward look just before a forward one usually lands in the same load.
/// </summary>
internal sealed class BasisWindow : IDisposable
{
    private readonly SafeFileHandle _file;
    private readonly byte[] _buffer;
    private long _start;
    private int _count;

    public BasisWindow(SafeFileHandle file, long length, int bufferSize = 1 << 20)
    {
        _file = file;
        Length = length;
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    }

    public long Length { get; }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);

    public int MaxRead => _buffer.Length;

    /// <summary>Bytes [offset, offset+length), cut short only at the end of the file.</summary>
    public ReadOnlySpan<byte> Get(long offset, int length)
    {
        length = (int)Math.Min(Math.Min(length, _buffer.Length), Math.Max(0, Length - offset));
        if (offset < _start || offset + length > _start + _count)
        {
            Load(offset, length);
        }
        return _buffer.AsSpan((int)(offset - _start), length);
    }

    private void Load(long offset, int length)
    {
        _start = offset;
        _count = 0;
        int want = (int)Math.Min(_buffer.Length, Length - offset);
        while (_count < want)
        {
            int got = RandomAccess.Read(_file, _buffer.AsSpan(_count, want - _count), offset + _count);
            if (got == 0)
            {
                break;
            }
            _count += got;
        }
        if (_count < length)
        {
            throw new IOException($"The file shrank while being read (wanted {length} bytes at {offset}).");
        }
    }
}
