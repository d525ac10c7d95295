using System.Runtime.InteropServices;

namespace RdiffCore.Platform.Posix;

internal static partial class PosixFs
{
    /// <summary>The current directory's path, as the kernel has it (bytes, not decoded).</summary>
    public static byte[] CurrentDirectory()
    {
        for (int size = 4096; ; size *= 2)
        {
            byte[] buffer = new byte[size];
            if (LibC.GetCwd(buffer, (nuint)size) != 0)
            {
                return buffer[..Array.IndexOf(buffer, (byte)0)];
            }
            var errno = (Errno)Marshal.GetLastPInvokeError();
            if (errno != Errno.ERANGE)
            {
                throw new PosixException(errno, "getcwd", "."u8);
            }
        }
    }

    /// <summary>
    /// <paramref name="path"/> made absolute against the current directory, with "." and ".." and
    /// repeated '/' resolved by name, as a shell's "cd -L" does; an absolute path only loses a
    /// trailing '/'. Every byte of a name is kept.
    /// </summary>
    public static byte[] AbsolutePath(byte[] path)
    {
        if (path.Length > 0 && path[0] == (byte)'/')
        {
            return path.Length > 1 && path[^1] == (byte)'/' ? path[..^1] : path;
        }
        var parts = new List<byte[]>();
        foreach (byte[] source in (byte[][])[CurrentDirectory(), path])
        {
            foreach (Range range in source.AsSpan().Split((byte)'/'))
            {
                ReadOnlySpan<byte> part = source.AsSpan(range);
                if (part.IsEmpty || part.SequenceEqual("."u8))
                {
                    continue;
                }
                if (part.SequenceEqual(".."u8))
                {
                    if (parts.Count > 0)
                    {
                        parts.RemoveAt(parts.Count - 1);
                    }
                    continue;
                }
                parts.Add(part.ToArray());
            }
        }
        if (parts.Count == 0)
        {
            return "/"u8.ToArray();
        }
        var result = new List<byte>();
        foreach (byte[] part in parts)
        {
            result.Add((byte)'/');
            result.AddRange(part);
        }
        return [.. result];
    }
}
