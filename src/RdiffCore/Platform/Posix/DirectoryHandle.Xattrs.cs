using System.Buffers;

namespace RdiffCore.Platform.Posix;

/// <summary>
/// Reading xattrs with the *at calls of Linux 6.13, relative to the descriptor: cheaper than the
/// /proc/self/fd/N/name route the older kernels need, which the callers fall back to on ENOSYS.
/// The directory's own xattrs (an empty name) take the /proc route too: the *at calls refuse an O_PATH descriptor.
/// </summary>
internal sealed partial class DirectoryHandle
{
    // Set once this kernel said ENOSYS: the /proc route from then on.
    private bool _noXattrAt;

    private bool TryListXattrsAt(ReadOnlySpan<byte> name, out List<byte[]> names)
    {
        using var cName = new CPath(name, stackalloc byte[CPath.StackLength], "llistxattr");
        using var fd = new BorrowedFd(_handle);
        const int flags = LibC.AtSymlinkNoFollow;
        while (true)
        {
            nint size = LibC.ListXattrAt(fd.Fd, cName.Value, flags, default);
            if (size <= 0)
            {
                names = [];
                return size == 0 || XattrAtFailed(name, "llistxattr", Errno.EOPNOTSUPP);
            }
            byte[] buffer = ArrayPool<byte>.Shared.Rent((int)size);
            try
            {
                nint length = LibC.ListXattrAt(fd.Fd, cName.Value, flags, buffer);
                if (length >= 0)
                {
                    names = PosixFs.SplitNames(buffer.AsSpan(0, (int)length));
                    return true;
                }
                if (LibC.LastError != Errno.ERANGE)
                {
                    throw new PosixException(LibC.LastError, "llistxattr", Join(name));
                }
                // An attribute was added between the two calls: measure again.
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private bool TryGetXattrAt(ReadOnlySpan<byte> name, ReadOnlySpan<byte> attribute, out byte[]? value)
    {
        using var cName = new CPath(name, stackalloc byte[CPath.StackLength], "lgetxattr");
        using var cAttribute = new CPath(attribute, stackalloc byte[CPath.StackLength], "lgetxattr");
        using var fd = new BorrowedFd(_handle);
        const int flags = LibC.AtSymlinkNoFollow;
        value = null;
        while (true)
        {
            nint size = LibC.GetXattrAt(fd.Fd, cName.Value, flags, cAttribute.Value, default);
            if (size < 0)
            {
                return XattrAtFailed(name, "lgetxattr", Errno.ENODATA);
            }
            if (size == 0)
            {
                value = [];
                return true;
            }
            byte[] buffer = new byte[size];
            nint length = LibC.GetXattrAt(fd.Fd, cName.Value, flags, cAttribute.Value, buffer);
            if (length >= 0)
            {
                value = length == buffer.Length ? buffer : buffer[..(int)length];
                return true;
            }
            if (LibC.LastError != Errno.ERANGE)
            {
                // The value grew between the two calls: measure again; anything else is final.
                return XattrAtFailed(name, "lgetxattr", Errno.ENODATA);
            }
        }
    }

    /// <summary>After a failed *at call: true (nothing there) for <paramref name="empty"/>, false on ENOSYS (use /proc), else throws.</summary>
    private bool XattrAtFailed(ReadOnlySpan<byte> name, string operation, Errno empty)
    {
        Errno errno = LibC.LastError;
        if (errno == empty)
        {
            return true;
        }
        if (errno == Errno.ENOSYS)
        {
            _noXattrAt = true;
            return false;
        }
        throw new PosixException(errno, operation, Join(name));
    }
}
