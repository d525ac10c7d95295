using RdiffCore.Model;

namespace RdiffCore.Platform.Posix;

/// <summary>Recursive removal inside the tree, one directory handle per level: a symlink found on the way is removed, never followed.</summary>
internal sealed partial class RootedTree
{
    /// <summary>
    /// Removes whatever is at <paramref name="path"/>, a directory with everything in it; nothing there
    /// is no error. Read-only directories are opened up (u+rwx) before they are emptied. The root
    /// itself is emptied, not removed.
    /// </summary>
    public void RemoveTree(ReadOnlySpan<byte> path)
    {
        if (IsRoot(path))
        {
            using DirectoryHandle root = OpenDirectory(path);
            foreach (byte[] name in root.ReadNames())
            {
                RemoveEntry(root, name);
            }
        }
        else
        {
            using Located at = Locate(path);
            RemoveEntry(at.Directory, at.Name);
        }
        Forget(path);
    }

    private static void RemoveEntry(DirectoryHandle parent, ReadOnlySpan<byte> name)
    {
        if (!parent.TryStat(name, out FileStatus status))
        {
            return;
        }
        if (status.Kind != FileKind.Directory)
        {
            parent.UnlinkIfPresent(name);
            return;
        }
        if ((status.Permissions & ModeBits.OwnerAll) != ModeBits.OwnerAll)
        {
            parent.Chmod(name, status.Permissions | ModeBits.OwnerAll);
        }
        using (DirectoryHandle directory = parent.OpenBelow(name))
        {
            foreach (byte[] child in directory.ReadNames())
            {
                RemoveEntry(directory, child);
            }
        }
        parent.RmDir(name);
    }
}
