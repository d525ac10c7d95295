namespace RdiffCore.Platform.Posix;

/// <summary>Opening subdirectories to list them, and paths below longer than the kernel takes at once.</summary>
internal sealed partial class DirectoryHandle
{
    /// <summary>PATH_MAX: the longest path (with its NUL) one call accepts.</summary>
    private const int MaxPathLength = 4096;

    /// <summary>
    /// Opens the subdirectory <paramref name="name"/> (one component) for listing and for calls
    /// relative to it, in one open: a symlink is refused (ELOOP), anything else that is not a
    /// directory too (ENOTDIR). The caller compares <see cref="StatSelf"/> with what it expected.
    /// </summary>
    public DirectoryHandle OpenDirectory(ReadOnlySpan<byte> name)
    {
        using var cName = new CPath(name, stackalloc byte[CPath.StackLength], "open");
        using var fd = new BorrowedFd(_handle);
        while (true)
        {
            int child = LibC.OpenAt(fd.Fd, cName.Value, LibC.OpenReadOnly | LibC.OpenDirectory | CloseOnExecNoFollow, 0);
            if (child >= 0)
            {
                return new DirectoryHandle(child, Join(name), readable: true);
            }
            Errno errno = LibC.LastError;
            if (errno != Errno.EINTR)
            {
                throw errno == Errno.ELOOP
                    ? new PosixException(errno, "open (a symlink is not followed)", Join(name))
                    : new PosixException(errno, "open", Join(name));
            }
        }
    }

    /// <summary>True when this is the file <paramref name="expected"/> describes (same device and inode).</summary>
    public bool Is(in FileStatus expected)
    {
        FileStatus self = StatSelf();
        return self.Inode == expected.Inode && self.Device == expected.Device;
    }

    /// <summary>
    /// <see cref="OpenBelow"/> for a relative path of PATH_MAX bytes or more, which the kernel refuses
    /// whole (ENAMETOOLONG): opened a part of fewer bytes at a time, each part from the last, with the
    /// same rules at every step.
    /// </summary>
    private DirectoryHandle OpenBelowInSteps(ReadOnlySpan<byte> relative)
    {
        DirectoryHandle current = this;
        try
        {
            while (relative.Length >= MaxPathLength)
            {
                int cut = relative[..MaxPathLength].LastIndexOf((byte)'/');
                if (cut <= 0)
                {
                    // One name longer than any file system allows.
                    throw new PosixException(Errno.ENAMETOOLONG, "open", Join(relative));
                }
                DirectoryHandle next = current.OpenBelow(relative[..cut]);
                if (!ReferenceEquals(current, this))
                {
                    current.Dispose();
                }
                current = next;
                relative = relative[(cut + 1)..];
            }
            // Each step's path is its parent's joined with the part, so the last one reads in full.
            return current.OpenBelow(relative);
        }
        finally
        {
            if (!ReferenceEquals(current, this))
            {
                current.Dispose();
            }
        }
    }
}
