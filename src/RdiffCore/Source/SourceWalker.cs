using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Reporting;
using RdiffCore.Selection;

namespace RdiffCore.Source;

/// <summary>
/// Walks the source tree depth first in the canonical order (a directory, then its children sorted
/// by bytes), one directory listing at a time, so memory follows the depth of the tree, not its size.
/// </summary>
/// Nothing is reached by a path string: the root is opened once, each directory is opened from its
/// parent's handle by name without following a symlink (and checked to be the directory lstat saw),
/// and its children are lstat'ed, read (symlinks) and asked for xattrs relative to that handle. A
/// directory swapped for a symlink during the walk is therefore never entered, and no path grows too
/// long for the kernel. A directory that cannot be opened, listed or searched is a per-file error and
/// keeps its previous contents.
/// With a selection, an excluded entry is dropped before its attributes are read, and an excluded
/// directory is not listed at all (nothing below it can be included: the first matching rule won).
internal sealed class SourceWalker(byte[] root, SourceOptions options, OwnerNames names, IFileErrors errors, Selection.Selection? selection = null)
{
    public IEnumerable<SourceEntry> Walk(IReadOnlyList<byte[]>? skipFullPaths = null)
    {
        FileStatus rootStatus = PosixFs.LStat(root);
        if (rootStatus.Kind != FileKind.Directory)
        {
            yield return WalkSingleFile(rootStatus);
            yield break;
        }
        foreach (SourceEntry entry in WalkFrom(DirectoryHandle.OpenRoot(root), SkippedPaths(skipFullPaths)))
        {
            yield return entry;
        }
    }

    /// <summary>
    /// The same walk from a directory already opened (a server opens it beneath the directory it is
    /// restricted to, so that the walk's root is the one the kernel checked); the walk owns it.
    /// </summary>
    public IEnumerable<SourceEntry> WalkOpened(DirectoryHandle rootHandle) => WalkFrom(rootHandle, []);

    private IEnumerable<SourceEntry> WalkFrom(DirectoryHandle rootHandle, List<RelPath> skip)
    {
        using var stack = new DirectoryStack();
        FileStatus rootStatus;
        try
        {
            rootStatus = rootHandle.StatSelf();
        }
        catch
        {
            rootHandle.Dispose();
            throw;
        }
        List<ListedName>? rootChildren = TryList(rootHandle, RelPath.Root, skip);
        stack.Push(new WalkFrame(RelPath.Root, rootStatus, rootHandle, rootChildren ?? []));
        SourceEntry rootEntry = new(Describe(rootHandle, ""u8, RelPath.Root, rootStatus), root, Device: rootStatus.Device, Inode: rootStatus.Inode);
        yield return rootChildren is null ? rootEntry with { ListFailed = true } : rootEntry;

        while (stack.Count > 0)
        {
            WalkFrame frame = stack.Top;
            if (frame.Done)
            {
                stack.Pop();
                continue;
            }
            ListedName child = frame.Children[frame.Next++];
            RelPath path = frame.Path.Append(child.Name);
            FileStatus status = child.Status;
            SelectionDecision decision = selection is null
                ? SelectionDecision.Include
                : selection.Evaluate(new SelectionCandidate(path, status.Kind, status.Size, status.Device));
            if (decision == SelectionDecision.Exclude)
            {
                continue;
            }
            DirectoryHandle? directory = TryTopHandle(stack);
            if (directory is null)
            {
                continue;
            }
            SourceEntry? entry = TryDescribe(directory, child.Name, path, status, decision);
            if (entry is null)
            {
                continue;
            }
            if (status.Kind != FileKind.Directory)
            {
                yield return entry;
                continue;
            }
            (DirectoryHandle? opened, List<ListedName>? children) = TryOpen(directory, child, path, skip);
            yield return children is null ? entry with { ListFailed = true } : entry;
            if (opened is not null)
            {
                stack.Push(new WalkFrame(path, status, opened, children!));
            }
        }
    }

    /// <summary>The source is one file (or a symlink, a device…): described through its parent directory.</summary>
    private SourceEntry WalkSingleFile(FileStatus status)
    {
        int slash = root.AsSpan().LastIndexOf((byte)'/');
        ReadOnlySpan<byte> parent = slash < 0 ? "."u8 : slash == 0 ? "/"u8 : root.AsSpan(0, slash);
        using DirectoryHandle directory = DirectoryHandle.OpenRoot(parent);
        return new SourceEntry(Describe(directory, root.AsSpan(slash + 1), RelPath.Root, status), root,
            Device: status.Device, Inode: status.Inode);
    }

    /// <summary>The paths to leave out (a repository inside the source), as paths below the root.</summary>
    private List<RelPath> SkippedPaths(IReadOnlyList<byte[]>? fullPaths)
    {
        var skip = new List<RelPath>();
        foreach (byte[] full in fullPaths ?? [])
        {
            if (full.Length > root.Length + 1 && full.AsSpan().StartsWith(root) && (full[root.Length] == (byte)'/' || root is [.., (byte)'/']))
            {
                skip.Add(new RelPath(full.AsSpan(root.Length + (root is [.., (byte)'/'] ? 0 : 1)).ToArray()));
            }
        }
        return skip;
    }

    private DirectoryHandle? TryTopHandle(DirectoryStack stack)
    {
        try
        {
            return stack.TopHandle();
        }
        catch (Exception e) when (e is PosixException or ChangedDuringWalkException)
        {
            // The rest of this directory cannot be reached safely: the next backup takes it.
            WalkFrame frame = stack.Top;
            frame.Next = frame.Children.Count;
            errors.Report("ListError", frame.Path, e is PosixException p ? PythonOsError.Message(p) : e.Message);
            return null;
        }
    }

    /// <summary>Opens a subdirectory by name (a symlink now in its place is refused), checks it is the one lstat saw, lists it.</summary>
    private (DirectoryHandle?, List<ListedName>?) TryOpen(DirectoryHandle parent, ListedName child, RelPath path, List<RelPath> skip)
    {
        DirectoryHandle opened;
        try
        {
            opened = parent.OpenDirectory(child.Name);
            if (!opened.Is(child.Status))
            {
                byte[] shown = opened.Path;
                opened.Dispose();
                errors.Report("ListError", path, new ChangedDuringWalkException(shown).Message);
                return (null, null);
            }
        }
        catch (PosixException e)
        {
            errors.Report("ListError", path, PythonOsError.Message(e));
            return (null, null);
        }
        List<ListedName>? children = TryList(opened, path, skip);
        if (children is null)
        {
            opened.Dispose();
            return (null, null);
        }
        return (opened, children);
    }

    /// <summary>
    /// The names of a directory, sorted, each with its lstat; null (reported) when the directory cannot
    /// be read or searched. A name that vanished meanwhile is left out, as it would have been a moment later.
    /// </summary>
    private List<ListedName>? TryList(DirectoryHandle directory, RelPath path, List<RelPath> skip)
    {
        List<byte[]> names;
        try
        {
            names = directory.ReadNames();
        }
        catch (PosixException e)
        {
            errors.Report("ListError", path, PythonOsError.Message(e));
            return null;
        }
        names.Sort((a, b) => a.AsSpan().SequenceCompareTo(b));
        var children = new List<ListedName>(names.Count);
        for (int i = 0; i < names.Count; i++)
        {
            byte[] name = names[i];
            if (skip.Count > 0 && skip.Contains(path.Append(name)))
            {
                continue;
            }
            try
            {
                if (directory.TryStat(name, out FileStatus status))
                {
                    children.Add(new ListedName(name, status));
                }
            }
            catch (PosixException e) when (e.Errno == Errno.EACCES)
            {
                // Readable but not searchable (mode 600 to its user): no name in it can be looked at.
                // Each is logged as rdiff-backup logs it; the directory keeps its previous contents.
                for (int j = i; j < names.Count; j++)
                {
                    errors.Report("ListError", path.Append(names[j]), PythonOsError.Message(new PosixException(e.Errno, "lstat", directory.Join(names[j]))));
                }
                return null;
            }
            catch (PosixException e)
            {
                errors.Report("ListError", path.Append(name), PythonOsError.Message(e));
            }
        }
        return children;
    }

    private SourceEntry? TryDescribe(DirectoryHandle directory, byte[] name, RelPath path, FileStatus status, SelectionDecision decision)
    {
        try
        {
            return new SourceEntry(Describe(directory, name, path, status), root, Device: status.Device, Selected: decision, Inode: status.Inode);
        }
        catch (PosixException e)
        {
            errors.Report("ListError", path, PythonOsError.Message(e));
            return null;
        }
    }

    /// <summary>The record of <paramref name="name"/> in <paramref name="directory"/> (the directory itself for an empty name).</summary>
    private MetadataRecord Describe(DirectoryHandle directory, ReadOnlySpan<byte> name, RelPath path, FileStatus status)
    {
        bool linked = options.HardLinks && status.Kind == FileKind.Regular && status.LinkCount > 1;
        // One listxattr serves both: the ACLs are read only when the kernel lists them, which spares
        // two failing getxattr calls on nearly every file.
        List<byte[]> xattrNames = (options.Xattrs || options.Acls) && status.Kind != FileKind.Symlink ? directory.ListXattrs(name) : [];
        return new MetadataRecord
        {
            Path = path,
            Kind = status.Kind,
            Size = status.Kind == FileKind.Regular ? status.Size : 0,
            HardLinkCount = linked ? (long)status.LinkCount : 0,
            Inode = linked ? status.Inode : 0,
            DeviceLoc = linked ? status.Device : 0,
            SymlinkTarget = status.Kind == FileKind.Symlink ? directory.ReadLink(name) : null,
            DeviceMajor = status.RdevMajor,
            DeviceMinor = status.RdevMinor,
            ModTime = status.ModTimeSeconds,
            Uid = status.Uid,
            Gid = status.Gid,
            UserName = names.UserName(status.Uid),
            GroupName = names.GroupName(status.Gid),
            Permissions = status.Kind == FileKind.Symlink ? 511 : status.Permissions,
            Xattrs = options.Xattrs ? ReadXattrs(directory, name, xattrNames) : [],
            Acl = options.Acls && xattrNames.Exists(IsAclName)
                ? directory.ReadAcl(name, status.Permissions, status.Kind == FileKind.Directory, names)
                : [],
        };
    }

    private static bool IsAclName(byte[] name) =>
        name.AsSpan().SequenceEqual(AclXattr.AccessName) || name.AsSpan().SequenceEqual(AclXattr.DefaultName);

    private static List<Xattr> ReadXattrs(DirectoryHandle directory, ReadOnlySpan<byte> name, List<byte[]> xattrNames)
    {
        // system.* holds ACLs and security labels: rdiff-backup never stores them as xattrs (§1.7).
        List<byte[]> stored = xattrNames.FindAll(n => !n.AsSpan().StartsWith("system."u8));
        if (stored.Count == 0)
        {
            return [];
        }
        stored.Sort((a, b) => a.AsSpan().SequenceCompareTo(b));
        var xattrs = new List<Xattr>(stored.Count);
        foreach (byte[] attribute in stored)
        {
            if (directory.GetXattr(name, attribute) is byte[] value)
            {
                xattrs.Add(new Xattr(attribute, value));
            }
        }
        return xattrs;
    }
}
