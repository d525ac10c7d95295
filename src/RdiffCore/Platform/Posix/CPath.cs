using System.Buffers;

namespace RdiffCore.Platform.Posix;

/// <summary>
/// A path (or xattr name) as C wants it: the bytes and a NUL. Short ones live in the caller's
/// stack buffer, long ones in a pooled array returned by <see cref="Dispose"/>.
/// </summary>
internal ref struct CPath
{
    /// <summary>Most paths fit; PATH_MAX (4096) ones go to the pool.</summary>
    public const int StackLength = 512;

    private byte[]? _rented;

    /// <param name="path">The bytes, without NUL.</param>
    /// <param name="stack">A scratch buffer of <see cref="StackLength"/> bytes from stackalloc.</param>
    /// <param name="operation">Names the call in the error for a path with a NUL byte inside.</param>
    public CPath(ReadOnlySpan<byte> path, Span<byte> stack, string operation)
    {
        if (path.Contains((byte)0))
        {
            // C would silently cut the name at the NUL and act on another file.
            throw new PosixException(Errno.EINVAL, operation, path);
        }
        Span<byte> buffer = path.Length < stack.Length
            ? stack
            : (_rented = ArrayPool<byte>.Shared.Rent(path.Length + 1));
        path.CopyTo(buffer);
        buffer[path.Length] = 0;
        Value = buffer[..(path.Length + 1)];
    }

    /// <summary>The bytes followed by NUL.</summary>
    public ReadOnlySpan<byte> Value { get; }

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
            _rented = null;
        }
    }
}
