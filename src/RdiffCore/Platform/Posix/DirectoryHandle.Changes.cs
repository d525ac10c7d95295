using RdiffCore.Model;

namespace RdiffCore.Platform.Posix;

/// <summary>Creating, removing and renaming names of the directory, and setting their attributes, none following a symlink.</summary>
internal sealed partial class DirectoryHandle
{
    /// <summary>Creates a directory; the umask applies to <paramref name="mode"/>.</summary>
    public void MkDir(ReadOnlySpan<byte> name, int mode)
    {
        using var cName = new CPath(name, stackalloc byte[CPath.StackLength], "mkdir");
        using var fd = new BorrowedFd(_handle);
        Check(LibC.MkDirAt(fd.Fd, cName.Value, (uint)mode), "mkdir", name);
    }

    public void RmDir(ReadOnlySpan<byte> name)
    {
        using var cName = new CPath(name, stackalloc byte[CPath.StackLength], "rmdir");
        using var fd = new BorrowedFd(_handle);
        Check(LibC.UnlinkAt(fd.Fd, cName.Value, LibC.AtRemoveDir), "rmdir", name);
    }

    /// <summary>Removes a name that is not a directory (a symlink itself, never its target).</summary>
    public void Unlink(ReadOnlySpan<byte> name)
    {
        if (!TryUnlink(name, out Errno errno))
        {
            throw new PosixException(errno, "unlink", Join(name));
        }
    }

    /// <summary>Removes a name that may not exist; true when something was removed.</summary>
    public bool UnlinkIfPresent(ReadOnlySpan<byte> name) =>
        TryUnlink(name, out Errno errno) || (errno == Errno.ENOENT ? false : throw new PosixException(errno, "unlink", Join(name)));

    /// <summary>Renames <paramref name="name"/> of this directory to <paramref name="toName"/> of <paramref name="to"/>, replacing a target atomically.</summary>
    public void Rename(ReadOnlySpan<byte> name, DirectoryHandle to, ReadOnlySpan<byte> toName)
    {
        using var cFrom = new CPath(name, stackalloc byte[CPath.StackLength], "rename");
        using var cTo = new CPath(toName, stackalloc byte[CPath.StackLength], "rename");
        using var fromFd = new BorrowedFd(_handle);
        using var toFd = new BorrowedFd(to._handle);
        if (LibC.RenameAt(fromFd.Fd, cFrom.Value, toFd.Fd, cTo.Value) != 0)
        {
            throw new PosixException(LibC.LastError, "rename", Join(name), to.Join(toName));
        }
    }

    /// <summary>Makes <paramref name="newName"/> of <paramref name="to"/> a hard link to <paramref name="name"/> here (a symlink is linked, not followed).</summary>
    public void Link(ReadOnlySpan<byte> name, DirectoryHandle to, ReadOnlySpan<byte> newName)
    {
        using var cExisting = new CPath(name, stackalloc byte[CPath.StackLength], "link");
        using var cNew = new CPath(newName, stackalloc byte[CPath.StackLength], "link");
        using var fromFd = new BorrowedFd(_handle);
        using var toFd = new BorrowedFd(to._handle);
        if (LibC.LinkAt(fromFd.Fd, cExisting.Value, toFd.Fd, cNew.Value, 0) != 0)
        {
            throw new PosixException(LibC.LastError, "link", to.Join(newName), Join(name));
        }
    }

    /// <summary>Creates the symlink <paramref name="name"/> with the given target bytes (which are never resolved here).</summary>
    public void Symlink(ReadOnlySpan<byte> target, ReadOnlySpan<byte> name)
    {
        using var cTarget = new CPath(target, stackalloc byte[CPath.StackLength], "symlink");
        using var cName = new CPath(name, stackalloc byte[CPath.StackLength], "symlink");
        using var fd = new BorrowedFd(_handle);
        if (LibC.SymlinkAt(cTarget.Value, fd.Fd, cName.Value) != 0)
        {
            throw new PosixException(LibC.LastError, "symlink", Join(name), target);
        }
    }

    /// <summary>Creates a fifo, a socket or a device node (the umask applies to the permissions).</summary>
    public void MkNod(ReadOnlySpan<byte> name, FileKind kind, int permissions, uint major, uint minor)
    {
        if (kind is not (FileKind.Fifo or FileKind.Socket or FileKind.CharDevice or FileKind.BlockDevice))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "mknod makes fifos, sockets and devices only.");
        }
        uint mode = (uint)(ModeBits.TypeOf(kind) | (permissions & 0xfff));
        ulong device = kind is FileKind.CharDevice or FileKind.BlockDevice ? NativeStatx.MakeDev(major, minor) : 0;
        using var cName = new CPath(name, stackalloc byte[CPath.StackLength], "mknod");
        using var fd = new BorrowedFd(_handle);
        Check(LibC.MkNodAt(fd.Fd, cName.Value, mode, device), "mknod", name);
    }

    /// <summary>Sets owner and group of the name itself, a symlink included.</summary>
    public void LChown(ReadOnlySpan<byte> name, uint uid, uint gid)
    {
        using var cName = new CPath(name, stackalloc byte[CPath.StackLength], "lchown");
        using var fd = new BorrowedFd(_handle);
        Check(LibC.FchownAt(fd.Fd, cName.Value, uid, gid, LibC.AtSymlinkNoFollow), "lchown", name);
    }

    /// <summary>Sets the mode bits (07777) of the name itself; on a symlink it fails (EOPNOTSUPP) instead of changing the target.</summary>
    public void Chmod(ReadOnlySpan<byte> name, int permissions)
    {
        using var cName = new CPath(name, stackalloc byte[CPath.StackLength], "chmod");
        using var fd = new BorrowedFd(_handle);
        if (LibC.FchmodAt2(fd.Fd, cName.Value, (uint)(permissions & 0xfff), LibC.AtSymlinkNoFollow) == 0)
        {
            return;
        }
        if (LibC.LastError != Errno.ENOSYS)
        {
            throw new PosixException(LibC.LastError, "chmod", Join(name));
        }
        ChmodThroughProc(name, permissions);
    }

    /// <summary>
    /// Before fchmodat2 (Linux 6.6): the name is opened with O_PATH|O_NOFOLLOW, which pins the entry
    /// itself; a symlink is refused, anything else is changed through its /proc/self/fd link.
    /// </summary>
    internal void ChmodThroughProc(ReadOnlySpan<byte> name, int permissions)
    {
        using var cName = new CPath(name, stackalloc byte[CPath.StackLength], "chmod");
        using var fd = new BorrowedFd(_handle);
        int pinned = LibC.OpenAt(fd.Fd, cName.Value, LibC.OpenPath | LibC.OpenNoFollow | LibC.OpenCloseOnExec, 0);
        if (pinned < 0)
        {
            throw new PosixException(LibC.LastError, "chmod", Join(name));
        }
        try
        {
            if (LibC.Statx(pinned, "\0"u8, LibC.AtEmptyPath, NativeStatx.BasicStats, out NativeStatx status) != 0)
            {
                throw new PosixException(LibC.LastError, "chmod", Join(name));
            }
            if (status.ToFileStatus().Kind == FileKind.Symlink)
            {
                throw new PosixException(Errno.EOPNOTSUPP, "chmod", Join(name));
            }
            byte[] proc = System.Text.Encoding.ASCII.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/proc/self/fd/{pinned}\0"));
            Check(LibC.Chmod(proc, (uint)(permissions & 0xfff)), "chmod", name);
        }
        finally
        {
            _ = LibC.Close(pinned);
        }
    }

    /// <summary>Sets access and modification time (whole seconds) of the name itself, a symlink's own times included.</summary>
    public void SetTimes(ReadOnlySpan<byte> name, long accessSeconds, long modSeconds)
    {
        Span<NativeTimespec> times = stackalloc NativeTimespec[2];
        times[0] = new NativeTimespec { Seconds = accessSeconds };
        times[1] = new NativeTimespec { Seconds = modSeconds };
        using var cName = new CPath(name, stackalloc byte[CPath.StackLength], "utimensat");
        using var fd = new BorrowedFd(_handle);
        Check(LibC.UTimensAt(fd.Fd, cName.Value, times, LibC.AtSymlinkNoFollow), "utimensat", name);
    }

    /// <summary>The xattr names of the name itself; [] where the file system has none.</summary>
    public List<byte[]> ListXattrs(ReadOnlySpan<byte> name)
    {
        if (!_noXattrAt && !name.IsEmpty && TryListXattrsAt(name, out List<byte[]> names))
        {
            return names;
        }
        using var fd = new BorrowedFd(_handle);
        try
        {
            return PosixFs.ListXattrs(ProcPath(name, fd.Fd));
        }
        catch (PosixException e)
        {
            throw Renamed(e, name);
        }
    }

    public byte[]? GetXattr(ReadOnlySpan<byte> name, ReadOnlySpan<byte> attribute)
    {
        if (!_noXattrAt && !name.IsEmpty && TryGetXattrAt(name, attribute, out byte[]? value))
        {
            return value;
        }
        using var fd = new BorrowedFd(_handle);
        try
        {
            return PosixFs.GetXattr(ProcPath(name, fd.Fd), attribute);
        }
        catch (PosixException e)
        {
            throw Renamed(e, name);
        }
    }

    public void SetXattr(ReadOnlySpan<byte> name, ReadOnlySpan<byte> attribute, ReadOnlySpan<byte> value)
    {
        using var fd = new BorrowedFd(_handle);
        try
        {
            PosixFs.SetXattr(ProcPath(name, fd.Fd), attribute, value);
        }
        catch (PosixException e)
        {
            throw Renamed(e, name);
        }
    }

    public void RemoveXattr(ReadOnlySpan<byte> name, ReadOnlySpan<byte> attribute)
    {
        using var fd = new BorrowedFd(_handle);
        try
        {
            PosixFs.RemoveXattr(ProcPath(name, fd.Fd), attribute);
        }
        catch (PosixException e)
        {
            throw Renamed(e, name);
        }
    }

    /// <summary>The POSIX ACL of the name (see <see cref="PosixAcls.Read"/>).</summary>
    public IReadOnlyList<AclEntry> ReadAcl(ReadOnlySpan<byte> name, int permissions, bool isDirectory, OwnerNames names)
    {
        using var fd = new BorrowedFd(_handle);
        try
        {
            return PosixAcls.Read(ProcPath(name, fd.Fd), permissions, isDirectory, names);
        }
        catch (PosixException e)
        {
            throw Renamed(e, name);
        }
    }

    /// <summary>Sets the POSIX ACL of the name (see <see cref="PosixAcls.Write"/>).</summary>
    public IReadOnlyList<AclEntry> WriteAcl(ReadOnlySpan<byte> name, IReadOnlyList<AclEntry> entries, bool isDirectory, OwnerNames names)
    {
        using var fd = new BorrowedFd(_handle);
        try
        {
            return PosixAcls.Write(ProcPath(name, fd.Fd), entries, isDirectory, names);
        }
        catch (PosixException e)
        {
            throw Renamed(e, name);
        }
    }

    private bool TryUnlink(ReadOnlySpan<byte> name, out Errno errno)
    {
        using var cName = new CPath(name, stackalloc byte[CPath.StackLength], "unlink");
        using var fd = new BorrowedFd(_handle);
        if (LibC.UnlinkAt(fd.Fd, cName.Value, 0) == 0)
        {
            errno = Errno.None;
            return true;
        }
        errno = LibC.LastError;
        return false;
    }

    // The /proc path means nothing to a reader: the message names the real one.
    private PosixException Renamed(PosixException error, ReadOnlySpan<byte> name) =>
        error.SecondPath is null ? new PosixException(error.Errno, error.Operation, Join(name)) : error;

    private void Check(int result, string operation, ReadOnlySpan<byte> name)
    {
        if (result != 0)
        {
            throw new PosixException(LibC.LastError, operation, Join(name));
        }
    }
}
