using Microsoft.Win32.SafeHandles;
using RdiffCore.Model;

namespace RdiffCore.Platform.Posix;

/// <summary>The calls of <see cref="PosixFs"/>, confined to the tree. On the root itself they are the plain calls.</summary>
internal sealed partial class RootedTree
{
    public bool TryLStat(ReadOnlySpan<byte> path, out FileStatus status)
    {
        if (IsRoot(path))
        {
            return PosixFs.TryLStat(path, out status);
        }
        try
        {
            using Located at = Locate(path);
            return at.Directory.TryStat(at.Name, out status);
        }
        catch (PosixException e) when (e.Errno is Errno.ENOENT or Errno.ENOTDIR)
        {
            // A parent that is missing or is not a directory: nothing is there.
            status = default;
            return false;
        }
    }

    public FileStatus LStat(ReadOnlySpan<byte> path) =>
        TryLStat(path, out FileStatus status) ? status : throw new PosixException(Errno.ENOENT, "lstat", path);

    /// <summary>Opens a directory of the tree (the root included) for calls relative to it; the caller disposes it.</summary>
    public DirectoryHandle OpenDirectory(ReadOnlySpan<byte> path)
    {
        ReadOnlySpan<byte> relative = IsRoot(path) ? "."u8 : Relative(path);
        return _root.OpenBelow(relative);
    }

    public List<byte[]> ReadDirectory(ReadOnlySpan<byte> path)
    {
        using DirectoryHandle directory = OpenDirectory(path);
        return directory.ReadNames();
    }

    public SafeFileHandle OpenRead(ReadOnlySpan<byte> path)
    {
        using Located at = Locate(path);
        return at.Directory.OpenRead(at.Name);
    }

    public SafeFileHandle CreateNew(ReadOnlySpan<byte> path, int mode)
    {
        using Located at = Locate(path);
        return at.Directory.CreateNew(at.Name, mode);
    }

    public SafeFileHandle OpenWrite(ReadOnlySpan<byte> path)
    {
        using Located at = Locate(path);
        return at.Directory.OpenWrite(at.Name);
    }

    public byte[] ReadLink(ReadOnlySpan<byte> path)
    {
        using Located at = Locate(path);
        return at.Directory.ReadLink(at.Name);
    }

    public void MkDir(ReadOnlySpan<byte> path, int mode)
    {
        using Located at = Locate(path);
        at.Directory.MkDir(at.Name, mode);
    }

    public void RmDir(ReadOnlySpan<byte> path)
    {
        using (Located at = Locate(path))
        {
            at.Directory.RmDir(at.Name);
        }
        Forget(path);
    }

    public void Unlink(ReadOnlySpan<byte> path)
    {
        using Located at = Locate(path);
        at.Directory.Unlink(at.Name);
    }

    /// <summary>Removes a file that may not exist; a missing parent is no error either.</summary>
    public void UnlinkIfPresent(ReadOnlySpan<byte> path)
    {
        try
        {
            using Located at = Locate(path);
            at.Directory.UnlinkIfPresent(at.Name);
        }
        catch (PosixException e) when (e.Errno is Errno.ENOENT && e.Operation == "open")
        {
            // The parent is gone: so is the file.
        }
    }

    public void Rename(ReadOnlySpan<byte> from, ReadOnlySpan<byte> to)
    {
        using (Located source = Locate(from))
        using (Located target = Locate(to, keep: false))
        {
            source.Directory.Rename(source.Name, target.Directory, target.Name);
        }
        Forget(from);
        Forget(to);
    }

    /// <summary>Makes <paramref name="newPath"/> a hard link to <paramref name="existing"/> (not following a symlink).</summary>
    public void Link(ReadOnlySpan<byte> existing, ReadOnlySpan<byte> newPath)
    {
        using Located source = Locate(existing);
        using Located target = Locate(newPath, keep: false);
        source.Directory.Link(source.Name, target.Directory, target.Name);
    }

    public void Symlink(ReadOnlySpan<byte> target, ReadOnlySpan<byte> linkPath)
    {
        using Located at = Locate(linkPath);
        at.Directory.Symlink(target, at.Name);
    }

    public void MkNod(ReadOnlySpan<byte> path, FileKind kind, int permissions, uint major, uint minor)
    {
        using Located at = Locate(path);
        at.Directory.MkNod(at.Name, kind, permissions, major, minor);
    }

    public void LChown(ReadOnlySpan<byte> path, uint uid, uint gid)
    {
        if (IsRoot(path))
        {
            PosixFs.LChown(path, uid, gid);
            return;
        }
        using Located at = Locate(path);
        at.Directory.LChown(at.Name, uid, gid);
    }

    /// <summary>Sets the mode bits; on a symlink inside the tree it fails instead of changing the target.</summary>
    public void Chmod(ReadOnlySpan<byte> path, int permissions)
    {
        if (IsRoot(path))
        {
            PosixFs.Chmod(path, permissions);
            return;
        }
        using Located at = Locate(path);
        at.Directory.Chmod(at.Name, permissions);
    }

    /// <summary>Sets the times of the entry itself (a symlink's own times).</summary>
    public void SetTimes(ReadOnlySpan<byte> path, long accessSeconds, long modSeconds)
    {
        if (IsRoot(path))
        {
            PosixFs.SetTimes(path, accessSeconds, modSeconds, noFollow: false);
            return;
        }
        using Located at = Locate(path);
        at.Directory.SetTimes(at.Name, accessSeconds, modSeconds);
    }

    public List<byte[]> ListXattrs(ReadOnlySpan<byte> path)
    {
        if (IsRoot(path))
        {
            return PosixFs.ListXattrs(path);
        }
        using Located at = Locate(path);
        return at.Directory.ListXattrs(at.Name);
    }

    public byte[]? GetXattr(ReadOnlySpan<byte> path, ReadOnlySpan<byte> attribute)
    {
        if (IsRoot(path))
        {
            return PosixFs.GetXattr(path, attribute);
        }
        using Located at = Locate(path);
        return at.Directory.GetXattr(at.Name, attribute);
    }

    public void SetXattr(ReadOnlySpan<byte> path, ReadOnlySpan<byte> attribute, ReadOnlySpan<byte> value)
    {
        if (IsRoot(path))
        {
            PosixFs.SetXattr(path, attribute, value);
            return;
        }
        using Located at = Locate(path);
        at.Directory.SetXattr(at.Name, attribute, value);
    }

    public void RemoveXattr(ReadOnlySpan<byte> path, ReadOnlySpan<byte> attribute)
    {
        if (IsRoot(path))
        {
            PosixFs.RemoveXattr(path, attribute);
            return;
        }
        using Located at = Locate(path);
        at.Directory.RemoveXattr(at.Name, attribute);
    }

    public IReadOnlyList<AclEntry> ReadAcl(ReadOnlySpan<byte> path, int permissions, bool isDirectory, OwnerNames names)
    {
        if (IsRoot(path))
        {
            return PosixAcls.Read(path, permissions, isDirectory, names);
        }
        using Located at = Locate(path);
        return at.Directory.ReadAcl(at.Name, permissions, isDirectory, names);
    }

    public IReadOnlyList<AclEntry> WriteAcl(ReadOnlySpan<byte> path, IReadOnlyList<AclEntry> entries, bool isDirectory, OwnerNames names)
    {
        if (IsRoot(path))
        {
            return PosixAcls.Write(path, entries, isDirectory, names);
        }
        using Located at = Locate(path);
        return at.Directory.WriteAcl(at.Name, entries, isDirectory, names);
    }

    /// <summary>Flushes a file or a directory of the tree (its entries) to disk.</summary>
    public void FsyncPath(ReadOnlySpan<byte> path)
    {
        if (IsRoot(path))
        {
            PosixFs.FsyncPath(path);
            return;
        }
        FileStatus status = LStat(path);
        if (status.Kind == FileKind.Directory)
        {
            using DirectoryHandle directory = OpenDirectory(path);
            directory.Fsync();
            return;
        }
        using SafeFileHandle file = OpenRead(path);
        PosixFs.Fsync(file);
    }

    /// <summary>Flushes the file system the tree is on.</summary>
    public void SyncFs() => _root.SyncFs();
}
