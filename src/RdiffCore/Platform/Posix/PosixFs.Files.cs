using Microsoft.Win32.SafeHandles;

namespace RdiffCore.Platform.Posix;

/// <summary>Opening files, flushing them to disk and locking them.</summary>
internal static partial class PosixFs
{
    private const int CloseOnExecNoFollow = LibC.OpenCloseOnExec | LibC.OpenNoFollow;

    /// <summary>Opens a file for reading; a symlink is refused (ELOOP) rather than followed.</summary>
    public static SafeFileHandle OpenRead(ReadOnlySpan<byte> path) =>
        Open(path, LibC.OpenReadOnly | CloseOnExecNoFollow, 0);

    /// <summary>
    /// Creates a file that must not exist yet (EEXIST otherwise); the umask applies to <paramref name="mode"/>.
    /// Open for reading too: a reverse delta reads back what it copied to confirm matches.
    /// </summary>
    public static SafeFileHandle CreateNew(ReadOnlySpan<byte> path, int mode) =>
        Open(path, LibC.OpenReadWrite | LibC.OpenCreate | LibC.OpenExclusive | CloseOnExecNoFollow, (uint)mode);

    /// <summary>Opens an existing file for writing, without truncating it.</summary>
    public static SafeFileHandle OpenWrite(ReadOnlySpan<byte> path) =>
        Open(path, LibC.OpenWriteOnly | CloseOnExecNoFollow, 0);

    public static SafeFileHandle OpenDirectory(ReadOnlySpan<byte> path) =>
        Open(path, LibC.OpenReadOnly | LibC.OpenDirectory | LibC.OpenCloseOnExec, 0);

    public static void Fsync(SafeFileHandle file)
    {
        using var fd = new BorrowedFd(file);
        if (LibC.Fsync(fd.Fd) != 0)
        {
            throw FdError("fsync", fd.Fd);
        }
    }

    /// <summary>Flushes a file or a directory (its entries) given by path.</summary>
    public static void FsyncPath(ReadOnlySpan<byte> path)
    {
        int fd = OpenFd(path, LibC.OpenReadOnly | LibC.OpenCloseOnExec, 0);
        try
        {
            if (LibC.Fsync(fd) != 0)
            {
                throw new PosixException(LibC.LastError, "fsync", path);
            }
        }
        finally
        {
            _ = LibC.Close(fd);
        }
    }

    /// <summary>Flushes the whole file system that holds the path.</summary>
    public static void SyncFs(ReadOnlySpan<byte> pathOnFilesystem)
    {
        int fd = OpenFd(pathOnFilesystem, LibC.OpenReadOnly | LibC.OpenCloseOnExec, 0);
        try
        {
            if (LibC.SyncFs(fd) != 0)
            {
                throw new PosixException(LibC.LastError, "syncfs", pathOnFilesystem);
            }
        }
        finally
        {
            _ = LibC.Close(fd);
        }
    }

    /// <summary>
    /// flock without waiting: false when another open file description holds a conflicting lock.
    /// The lock lasts until every descriptor of this open file is closed.
    /// </summary>
    public static bool TryLock(SafeFileHandle file, bool exclusive)
    {
        using var fd = new BorrowedFd(file);
        int operation = (exclusive ? LibC.LockExclusive : LibC.LockShared) | LibC.LockNonBlocking;
        while (LibC.Flock(fd.Fd, operation) != 0)
        {
            switch (LibC.LastError)
            {
                case Errno.EINTR:
                    continue;
                case Errno.EAGAIN:
                    return false;
                default:
                    throw FdError("flock", fd.Fd);
            }
        }
        return true;
    }

    private static SafeFileHandle Open(ReadOnlySpan<byte> path, int flags, uint mode) =>
        new(OpenFd(path, flags, mode), ownsHandle: true);

    private static int OpenFd(ReadOnlySpan<byte> path, int flags, uint mode)
    {
        using var cPath = new CPath(path, stackalloc byte[CPath.StackLength], "open");
        while (true)
        {
            int fd = LibC.Open(cPath.Value, flags, mode);
            if (fd >= 0)
            {
                return fd;
            }
            if (LibC.LastError != Errno.EINTR)
            {
                throw new PosixException(LibC.LastError, "open", path);
            }
        }
    }
}
