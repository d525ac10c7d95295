using RdiffCore.Model;
using RdiffCore.Platform.Posix;

namespace RdiffCore.Storage;

/// <summary>
/// Sets a record's attributes on a path, in the order that keeps them: owner first (chown clears
/// setuid and setgid), then mode, xattrs, ACL, and the times last (the other calls may touch them).
/// </summary>
internal sealed class AttributeApplier(OwnerNames names, bool setOwners, bool xattrs, bool acls, bool numericIds = true)
{
    public void Apply(byte[] path, MetadataRecord record)
    {
        if (setOwners)
        {
            PosixFs.LChown(path, MapUser(record), MapGroup(record));
        }
        if (record.Kind == FileKind.Symlink)
        {
            return;
        }
        PosixFs.Chmod(path, record.Permissions);
        if (xattrs)
        {
            ApplyXattrs(path, record.Xattrs);
        }
        if (acls && (record.Acl.Count > 0 || record.Kind == FileKind.Directory))
        {
            PosixAcls.Write(path, record.Acl, record.Kind == FileKind.Directory, names);
        }
        if (record.HasModTime)
        {
            PosixFs.SetTimes(path, record.ModTime, record.ModTime, noFollow: false);
        }
    }

    /// <summary>Only the times, for an increment marker that carries an old state's mtime.</summary>
    public static void ApplyTimes(byte[] path, long modTime) => PosixFs.SetTimes(path, modTime, modTime, noFollow: false);

    private static void ApplyXattrs(byte[] path, IReadOnlyList<Xattr> wanted)
    {
        foreach (byte[] name in PosixFs.ListXattrs(path))
        {
            if (!name.AsSpan().StartsWith("system."u8) && !wanted.Any(x => x.Name.AsSpan().SequenceEqual(name)))
            {
                PosixFs.RemoveXattr(path, name);
            }
        }
        foreach (Xattr xattr in wanted)
        {
            PosixFs.SetXattr(path, xattr.Name, xattr.Value);
        }
    }

    // Owners are mapped by name, as rdiff-backup does, unless numeric ids are asked for.
    private uint MapUser(MetadataRecord record) =>
        !numericIds && record.UserName is string name && names.UserId(name) is uint id ? id : record.Uid;

    private uint MapGroup(MetadataRecord record) =>
        !numericIds && record.GroupName is string name && names.GroupId(name) is uint id ? id : record.Gid;
}
