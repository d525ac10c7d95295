using RdiffCore.Model;

namespace RdiffCore.Platform.Posix;

/// <summary>Creating, removing and renaming entries, and setting their owner, mode and times.</summary>
internal static partial class PosixFs
{
    /// <summary>Creates a directory; the umask applies to <paramref name="mode"/>.</summary>
    public static void MkDir(ReadOnlySpan<byte> path, int mode)
    {
        using var cPath = new CPath(path, stackalloc byte[CPath.StackLength], "mkdir");
        Check(LibC.MkDir(cPath.Value, (uint)mode), "mkdir", path);
    }

    public static void RmDir(ReadOnlySpan<byte> path)
    {
        using var cPath = new CPath(path, stackalloc byte[CPath.StackLength], "rmdir");
        Check(LibC.RmDir(cPath.Value), "rmdir", path);
    }

    /// <summary>
    /// Removes whatever is at <paramref name="path"/>, a directory with everything in it; nothing
    /// there is no error. Each directory is opened up (u+rwx) before it is emptied, so read-only
    /// directories (as backups restore them) go too.
    /// </summary>
    public static void RemoveTree(byte[] path)
    {
        if (!TryLStat(path, out FileStatus status))
        {
            return;
        }
        if (status.Kind != FileKind.Directory)
        {
            Unlink(path);
            return;
        }
        if ((status.Permissions & ModeBits.OwnerAll) != ModeBits.OwnerAll)
        {
            Chmod(path, status.Permissions | ModeBits.OwnerAll);
        }
        foreach (byte[] name in ReadDirectory(path))
        {
            RemoveTree(RelPath.Join(path, name));
        }
        RmDir(path);
    }

    public static void Unlink(ReadOnlySpan<byte> path)
    {
        using var cPath = new CPath(path, stackalloc byte[CPath.StackLength], "unlink");
        Check(LibC.Unlink(cPath.Value), "unlink", path);
    }

    /// <summary>Removes a file that may not exist (a half-written temp or increment after a failure).</summary>
    public static void UnlinkIfPresent(ReadOnlySpan<byte> path)
    {
        using var cPath = new CPath(path, stackalloc byte[CPath.StackLength], "unlink");
        if (LibC.Unlink(cPath.Value) != 0 && LibC.LastError != Errno.ENOENT)
        {
            throw new PosixException(LibC.LastError, "unlink", path);
        }
    }

    /// <summary>Renames, replacing an existing target atomically.</summary>
    public static void Rename(ReadOnlySpan<byte> from, ReadOnlySpan<byte> to)
    {
        using var cFrom = new CPath(from, stackalloc byte[CPath.StackLength], "rename");
        using var cTo = new CPath(to, stackalloc byte[CPath.StackLength], "rename");
        if (LibC.Rename(cFrom.Value, cTo.Value) != 0)
        {
            throw new PosixException(LibC.LastError, "rename", from, to);
        }
    }

    /// <summary>Makes <paramref name="newPath"/> a hard link to <paramref name="existing"/> (not following a symlink).</summary>
    public static void Link(ReadOnlySpan<byte> existing, ReadOnlySpan<byte> newPath)
    {
        using var cExisting = new CPath(existing, stackalloc byte[CPath.StackLength], "link");
        using var cNew = new CPath(newPath, stackalloc byte[CPath.StackLength], "link");
        if (LibC.Link(cExisting.Value, cNew.Value) != 0)
        {
            throw new PosixException(LibC.LastError, "link", newPath, existing);
        }
    }

    /// <summary>Creates the symlink <paramref name="linkPath"/> with the given target bytes.</summary>
    public static void Symlink(ReadOnlySpan<byte> target, ReadOnlySpan<byte> linkPath)
    {
        using var cTarget = new CPath(target, stackalloc byte[CPath.StackLength], "symlink");
        using var cLink = new CPath(linkPath, stackalloc byte[CPath.StackLength], "symlink");
        if (LibC.Symlink(cTarget.Value, cLink.Value) != 0)
        {
            throw new PosixException(LibC.LastError, "symlink", linkPath, target);
        }
    }

    /// <summary>Creates a fifo, a socket or a device node (the umask applies to the permissions).</summary>
    public static void MkNod(ReadOnlySpan<byte> path, FileKind kind, int permissions, uint major, uint minor)
    {
        if (kind is not (FileKind.Fifo or FileKind.Socket or FileKind.CharDevice or FileKind.BlockDevice))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "mknod makes fifos, sockets and devices only.");
        }
        uint mode = (uint)(ModeBits.TypeOf(kind) | (permissions & 0xfff));
        ulong device = kind is FileKind.CharDevice or FileKind.BlockDevice ? NativeStatx.MakeDev(major, minor) : 0;
        using var cPath = new CPath(path, stackalloc byte[CPath.StackLength], "mknod");
        Check(LibC.MkNod(cPath.Value, mode, device), "mknod", path);
    }

    /// <summary>Sets owner and group of the path itself, a symlink included.</summary>
    public static void LChown(ReadOnlySpan<byte> path, uint uid, uint gid)
    {
        using var cPath = new CPath(path, stackalloc byte[CPath.StackLength], "lchown");
        Check(LibC.LChown(cPath.Value, uid, gid), "lchown", path);
    }

    /// <summary>Sets the mode bits (07777); follows symlinks, so it must not be called on one.</summary>
    public static void Chmod(ReadOnlySpan<byte> path, int permissions)
    {
        using var cPath = new CPath(path, stackalloc byte[CPath.StackLength], "chmod");
        Check(LibC.Chmod(cPath.Value, (uint)(permissions & 0xfff)), "chmod", path);
    }

    /// <summary>Sets access and modification time to whole seconds; <paramref name="noFollow"/> sets a symlink's own times.</summary>
    public static void SetTimes(ReadOnlySpan<byte> path, long accessSeconds, long modSeconds, bool noFollow)
    {
        Span<NativeTimespec> times = stackalloc NativeTimespec[2];
        times[0] = new NativeTimespec { Seconds = accessSeconds };
        times[1] = new NativeTimespec { Seconds = modSeconds };
        using var cPath = new CPath(path, stackalloc byte[CPath.StackLength], "utimensat");
        int flags = noFollow ? LibC.AtSymlinkNoFollow : 0;
        Check(LibC.UTimensAt(LibC.AtFdCwd, cPath.Value, times, flags), "utimensat", path);
    }

    private static void Check(int result, string operation, ReadOnlySpan<byte> path)
    {
        if (result != 0)
        {
            throw new PosixException(LibC.LastError, operation, path);
        }
    }
}
