using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Reporting;
using RdiffCore.Selection;

namespace RdiffCore.Source;

/// <summary>
/// Walks the source tree depth first in the canonical order (a directory, then its children sorted
/// by bytes), one directory listing at a time, so memory follows the depth of the tree, not its size.
/// </summary>
/// With a selection, an excluded entry is dropped before its attributes are read, and an excluded
/// directory is not listed at all (nothing below it can be included: the first matching rule won).
internal sealed class SourceWalker(byte[] root, SourceOptions options, OwnerNames names, IFileErrors errors, Selection.Selection? selection = null)
{
    public IEnumerable<SourceEntry> Walk(IReadOnlyList<byte[]>? skipFullPaths = null)
    {
        var rootStatus = PosixFs.LStat(root);
        if (rootStatus.Kind != FileKind.Directory)
        {
            yield return new SourceEntry(Describe(RelPath.Root, root, rootStatus), root, Device: rootStatus.Device);
            yield break;
        }
        var pending = new Stack<(RelPath Path, byte[] FullPath, FileStatus Status)>();
        pending.Push((RelPath.Root, root, rootStatus));
        while (pending.Count > 0)
        {
            var (path, fullPath, status) = pending.Pop();
            SelectionDecision decision = selection is null || path.IsRoot
                ? SelectionDecision.Include
                : selection.Evaluate(new SelectionCandidate(path, status.Kind, status.Size, status.Device));
            if (decision == SelectionDecision.Exclude)
            {
                continue;
            }
            SourceEntry? entry = TryDescribe(path, fullPath, status, decision);
            if (entry is null)
            {
                continue;
            }
            if (status.Kind != FileKind.Directory)
            {
                yield return entry;
                continue;
            }
            List<byte[]>? children = TryList(path, fullPath);
            yield return children is null ? entry with { ListFailed = true } : entry;
            if (children is null)
            {
                continue;
            }
            children.Sort((a, b) => a.AsSpan().SequenceCompareTo(b));
            // Pushed in reverse so that they pop in order.
            for (int i = children.Count - 1; i >= 0; i--)
            {
                byte[] childFull = RelPath.Join(fullPath, children[i]);
                if (skipFullPaths is not null && skipFullPaths.Any(s => s.AsSpan().SequenceEqual(childFull)))
                {
                    continue;
                }
                RelPath childPath = path.Append(children[i]);
                if (PosixFs.TryLStat(childFull, out FileStatus childStatus))
                {
                    pending.Push((childPath, childFull, childStatus));
                }
            }
        }
    }

    private List<byte[]>? TryList(RelPath path, byte[] fullPath)
    {
        try
        {
            return PosixFs.ReadDirectory(fullPath);
        }
        catch (PosixException e)
        {
            errors.Report("ListError", path, PythonOsError.Message(e));
            return null;
        }
    }

    private SourceEntry? TryDescribe(RelPath path, byte[] fullPath, FileStatus status, SelectionDecision decision)
    {
        try
        {
            return new SourceEntry(Describe(path, fullPath, status), fullPath, Device: status.Device, Selected: decision);
        }
        catch (PosixException e)
        {
            errors.Report("ListError", path, PythonOsError.Message(e));
            return null;
        }
    }

    private MetadataRecord Describe(RelPath path, byte[] fullPath, FileStatus status)
    {
        bool linked = options.HardLinks && status.Kind == FileKind.Regular && status.LinkCount > 1;
        // One listxattr serves both: the ACLs are read only when the kernel lists them, which spares
        // two failing getxattr calls on nearly every file.
        List<byte[]> xattrNames = (options.Xattrs || options.Acls) && status.Kind != FileKind.Symlink ? PosixFs.ListXattrs(fullPath) : [];
        return new MetadataRecord
        {
            Path = path,
            Kind = status.Kind,
            Size = status.Kind == FileKind.Regular ? status.Size : 0,
            HardLinkCount = linked ? (long)status.LinkCount : 0,
            Inode = linked ? status.Inode : 0,
            DeviceLoc = linked ? status.Device : 0,
            SymlinkTarget = status.Kind == FileKind.Symlink ? PosixFs.ReadLink(fullPath) : null,
            DeviceMajor = status.RdevMajor,
            DeviceMinor = status.RdevMinor,
            ModTime = status.ModTimeSeconds,
            Uid = status.Uid,
            Gid = status.Gid,
            UserName = names.UserName(status.Uid),
            GroupName = names.GroupName(status.Gid),
            Permissions = status.Kind == FileKind.Symlink ? 511 : status.Permissions,
            Xattrs = options.Xattrs ? ReadXattrs(fullPath, xattrNames) : [],
            Acl = options.Acls && xattrNames.Exists(IsAclName)
                ? PosixAcls.Read(fullPath, status.Permissions, status.Kind == FileKind.Directory, names)
                : [],
        };
    }

    private static bool IsAclName(byte[] name) =>
        name.AsSpan().SequenceEqual(AclXattr.AccessName) || name.AsSpan().SequenceEqual(AclXattr.DefaultName);

    private static List<Xattr> ReadXattrs(byte[] fullPath, List<byte[]> xattrNames)
    {
        // system.* holds ACLs and security labels: rdiff-backup never stores them as xattrs (§1.7).
        List<byte[]> stored = xattrNames.FindAll(n => !n.AsSpan().StartsWith("system."u8));
        if (stored.Count == 0)
        {
            return [];
        }
        stored.Sort((a, b) => a.AsSpan().SequenceCompareTo(b));
        var xattrs = new List<Xattr>(stored.Count);
        foreach (byte[] name in stored)
        {
            if (PosixFs.GetXattr(fullPath, name) is byte[] value)
            {
                xattrs.Add(new Xattr(name, value));
            }
        }
        return xattrs;
    }
}
