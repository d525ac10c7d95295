using System.Globalization;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;

namespace RdiffCore.Storage;

/// <summary>
/// Sets a record's attributes on a path, in the order that keeps them: owner first (chown clears
/// setuid and setgid), then mode, xattrs, ACL, and the times last (the other calls may touch them).
/// Owners and the ids of named ACL entries go through the user and group <see cref="OwnerMap"/>s;
/// an ACL entry they cannot place is dropped with one warning per name, as rdiff-backup does.
/// With <paramref name="ownerAccess"/> (a mirror written without root) files keep u+r and directories
/// u+rwx whatever their recorded mode, as rdiff-backup's mirror does: the next backup must read them,
/// and the metadata keeps the real mode.
/// </summary>
internal sealed class AttributeApplier(OwnerNames names, OwnerMap users, OwnerMap groups, bool setOwners, bool xattrs, bool acls, Action<string>? warn = null,
    bool ownerAccess = false)
{
    private readonly HashSet<(AclTag, string)> _warnedDrops = [];

    public void Apply(RootedTree tree, byte[] path, MetadataRecord record)
    {
        if (setOwners)
        {
            tree.LChown(path, users.Owner(record.Uid, record.UserName), groups.Owner(record.Gid, record.GroupName));
        }
        if (record.Kind == FileKind.Symlink)
        {
            return;
        }
        int mode = ownerAccess ? record.Permissions | (record.Kind == FileKind.Directory ? ModeBits.OwnerAll : ModeBits.OwnerRead) : record.Permissions;
        tree.Chmod(path, mode);
        // One listing serves both: the xattrs to remove, and whether an old or inherited ACL is there.
        List<byte[]> present = xattrs || acls ? tree.ListXattrs(path) : [];
        if (xattrs)
        {
            ApplyXattrs(tree, path, record.Xattrs, present);
        }
        if (acls && (record.Acl.Count > 0 || present.Exists(n => n.AsSpan().StartsWith("system.posix_acl_"u8))))
        {
            tree.WriteAcl(path, Mapped(record.Path, record.Acl), record.Kind == FileKind.Directory, names);
            if (mode != record.Permissions)
            {
                // The ACL's owner entry set the owner bits back.
                tree.Chmod(path, mode);
            }
        }
        if (record.HasModTime)
        {
            tree.SetTimes(path, record.ModTime, record.ModTime);
        }
    }

    /// <summary>Only the times, for an increment marker that carries an old state's mtime.</summary>
    public static void ApplyTimes(RootedTree tree, byte[] path, long modTime) => tree.SetTimes(path, modTime, modTime);

    private static void ApplyXattrs(RootedTree tree, byte[] path, IReadOnlyList<Xattr> wanted, List<byte[]> present)
    {
        foreach (byte[] name in present)
        {
            if (!name.AsSpan().StartsWith("system."u8) && !wanted.Any(x => x.Name.AsSpan().SequenceEqual(name)))
            {
                tree.RemoveXattr(path, name);
            }
        }
        foreach (Xattr xattr in wanted)
        {
            tree.SetXattr(path, xattr.Name, xattr.Value);
        }
    }

    // Named entries get the mapped id as their qualifier, so that the writer sets exactly that id.
    private List<AclEntry> Mapped(RelPath path, IReadOnlyList<AclEntry> entries)
    {
        var mapped = new List<AclEntry>(entries.Count);
        foreach (AclEntry entry in entries)
        {
            if (entry.Tag is not (AclTag.User or AclTag.Group) || entry.Qualifier is null)
            {
                mapped.Add(entry);
                continue;
            }
            uint? id = entry.Tag == AclTag.User ? users.AclId(entry.Qualifier) : groups.AclId(entry.Qualifier);
            if (id is uint known)
            {
                mapped.Add(entry with { Qualifier = known.ToString(CultureInfo.InvariantCulture) });
            }
            else if (_warnedDrops.Add((entry.Tag, entry.Qualifier)))
            {
                string kind = entry.Tag == AclTag.User ? "user" : "group";
                warn?.Invoke($"ACL entries for {kind} '{entry.Qualifier}' are dropped (first at '{PrintablePath.From(path.Bytes)}'): no such {kind} on this machine or in the mapping file");
            }
        }
        return mapped;
    }
}
