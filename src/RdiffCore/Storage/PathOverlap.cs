using RdiffCore.Model;
using RdiffCore.Platform.Posix;

namespace RdiffCore.Storage;

/// <summary>
/// Whether one path lies in another's tree, decided by the device and inode of directories, never
/// by comparing strings: a symlink or a bind mount gives one directory many names.
/// </summary>
internal static class PathOverlap
{
    /// <summary>Deeper than any real tree; a chain of ".." longer than this is not followed.</summary>
    private const int MaxDepth = 1024;

    /// <summary>
    /// True when <paramref name="path"/> is the directory <paramref name="directory"/> or lies below it.
    /// A path that does not exist yet is judged by the directories that would hold it.
    /// </summary>
    public static bool IsAtOrBelow(byte[] path, byte[] directory) =>
        Identity(directory) is { } id && Holders(path).Contains(id);

    /// <summary>
    /// The name of <paramref name="path"/> below <paramref name="directory"/> as a walk of that
    /// directory meets it: <paramref name="directory"/> followed by the names the kernel's ".."
    /// chain passes. Null when the chain does not lead there (the two only meet through a mount).
    /// </summary>
    public static byte[]? PathBelow(byte[] path, byte[] directory)
    {
        if (Identity(directory) is not { } top || !Holders(path).Contains(top))
        {
            return null;
        }
        var names = new List<byte[]>();
        byte[] current = path;
        for (int depth = 0; depth < MaxDepth; depth++)
        {
            if (Identity(current) is not { } id)
            {
                return null;
            }
            if (id == top)
            {
                byte[] below = directory;
                for (int i = names.Count - 1; i >= 0; i--)
                {
                    below = RelPath.Join(below, names[i]);
                }
                return below;
            }
            byte[] parent = RelPath.Join(current, ".."u8);
            if (Identity(parent) is not { } parentId || parentId == id || NameIn(parent, id) is not { } name)
            {
                return null;
            }
            names.Add(name);
            current = parent;
        }
        return null;
    }

    /// <summary>
    /// The directories that hold <paramref name="path"/>: each existing prefix of it by name (a bind
    /// mount or symlink is a name of another directory), and each one's ancestors as ".." leads.
    /// </summary>
    private static HashSet<(ulong Device, ulong Inode)> Holders(byte[] path)
    {
        var holders = new HashSet<(ulong, ulong)>();
        for (int end = 1; end <= path.Length; end++)
        {
            if (end < path.Length && path[end] != (byte)'/')
            {
                continue;
            }
            byte[] current = path[..end];
            for (int depth = 0; depth < MaxDepth && Identity(current) is { } id && holders.Add(id); depth++)
            {
                current = RelPath.Join(current, ".."u8);
            }
        }
        return holders;
    }

    /// <summary>The directory's device and inode (symlinks followed), or null when it is not a directory one can reach.</summary>
    private static (ulong Device, ulong Inode)? Identity(byte[] directory)
    {
        try
        {
            // "/." makes lstat follow a symlink and fail on anything but a directory.
            return PosixFs.TryLStat(RelPath.Join(directory, "."u8), out FileStatus status) ? (status.Device, status.Inode) : null;
        }
        catch (PosixException)
        {
            return null;
        }
    }

    /// <summary>The name under which <paramref name="parent"/> lists the directory <paramref name="child"/>.</summary>
    private static byte[]? NameIn(byte[] parent, (ulong Device, ulong Inode) child)
    {
        try
        {
            foreach (byte[] name in PosixFs.ReadDirectory(parent))
            {
                if (PosixFs.TryLStat(RelPath.Join(parent, name), out FileStatus status) && (status.Device, status.Inode) == child)
                {
                    return name;
                }
            }
        }
        catch (PosixException)
        {
            // An unreadable parent: the name cannot be found.
        }
        return null;
    }
}
