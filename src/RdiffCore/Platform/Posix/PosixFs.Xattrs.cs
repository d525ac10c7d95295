using System.Buffers;

namespace RdiffCore.Platform.Posix;

/// <summary>Extended attributes of the path itself, never of a symlink's target.</summary>
internal static partial class PosixFs
{
    /// <summary>All attribute names (any namespace); [] where the file system has no xattrs.</summary>
    public static List<byte[]> ListXattrs(ReadOnlySpan<byte> path)
    {
        using var cPath = new CPath(path, stackalloc byte[CPath.StackLength], "llistxattr");
        while (true)
        {
            nint size = LibC.LListXattr(cPath.Value, default, 0);
            if (size < 0)
            {
                return LibC.LastError == Errno.EOPNOTSUPP ? [] : throw new PosixException(LibC.LastError, "llistxattr", path);
            }
            if (size == 0)
            {
                return [];
            }
            byte[] buffer = ArrayPool<byte>.Shared.Rent((int)size);
            try
            {
                nint length = LibC.LListXattr(cPath.Value, buffer, (nuint)buffer.Length);
                if (length >= 0)
                {
                    return SplitNames(buffer.AsSpan(0, (int)length));
                }
                if (LibC.LastError != Errno.ERANGE)
                {
                    throw new PosixException(LibC.LastError, "llistxattr", path);
                }
                // An attribute was added between the two calls: measure again.
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>An attribute's value; null when the file has no attribute of that name (ENODATA).</summary>
    public static byte[]? GetXattr(ReadOnlySpan<byte> path, ReadOnlySpan<byte> name)
    {
        using var cPath = new CPath(path, stackalloc byte[CPath.StackLength], "lgetxattr");
        using var cName = new CPath(name, stackalloc byte[CPath.StackLength], "lgetxattr");
        while (true)
        {
            nint size = LibC.LGetXattr(cPath.Value, cName.Value, default, 0);
            if (size < 0)
            {
                return LibC.LastError == Errno.ENODATA ? null : throw new PosixException(LibC.LastError, "lgetxattr", path);
            }
            if (size == 0)
            {
                return [];
            }
            byte[] value = new byte[size];
            nint length = LibC.LGetXattr(cPath.Value, cName.Value, value, (nuint)value.Length);
            if (length >= 0)
            {
                return length == value.Length ? value : value[..(int)length];
            }
            switch (LibC.LastError)
            {
                case Errno.ERANGE:
                    continue; // the value grew between the two calls
                case Errno.ENODATA:
                    return null;
                default:
                    throw new PosixException(LibC.LastError, "lgetxattr", path);
            }
        }
    }

    /// <summary>Creates or replaces an attribute; the value may be empty.</summary>
    public static void SetXattr(ReadOnlySpan<byte> path, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        using var cPath = new CPath(path, stackalloc byte[CPath.StackLength], "lsetxattr");
        using var cName = new CPath(name, stackalloc byte[CPath.StackLength], "lsetxattr");
        Check(LibC.LSetXattr(cPath.Value, cName.Value, value, (nuint)value.Length, 0), "lsetxattr", path);
    }

    /// <summary>Removes an attribute; ENODATA when there is none of that name.</summary>
    public static void RemoveXattr(ReadOnlySpan<byte> path, ReadOnlySpan<byte> name)
    {
        using var cPath = new CPath(path, stackalloc byte[CPath.StackLength], "lremovexattr");
        using var cName = new CPath(name, stackalloc byte[CPath.StackLength], "lremovexattr");
        Check(LibC.LRemoveXattr(cPath.Value, cName.Value), "lremovexattr", path);
    }

    internal static List<byte[]> SplitNames(ReadOnlySpan<byte> list)
    {
        var names = new List<byte[]>();
        while (!list.IsEmpty)
        {
            int end = list.IndexOf((byte)0);
            if (end < 0)
            {
                end = list.Length;
            }
            if (end > 0)
            {
                names.Add(list[..end].ToArray());
            }
            list = list[Math.Min(end + 1, list.Length)..];
        }
        return names;
    }
}
