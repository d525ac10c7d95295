using RdiffCore.Model;

namespace RdiffCore.Metadata;

/// <summary>Copies a <see cref="MetadataRecord"/> with other xattrs and ACL (the class has no <c>with</c>).</summary>
internal static class MetadataRecordCopy
{
    public static MetadataRecord With(MetadataRecord record, IReadOnlyList<Xattr> xattrs, IReadOnlyList<AclEntry> acl) => new()
    {
        Path = record.Path,
        Kind = record.Kind,
        Size = record.Size,
        Sha1 = record.Sha1,
        HardLinkCount = record.HardLinkCount,
        Inode = record.Inode,
        DeviceLoc = record.DeviceLoc,
        SymlinkTarget = record.SymlinkTarget,
        DeviceMajor = record.DeviceMajor,
        DeviceMinor = record.DeviceMinor,
        ModTime = record.ModTime,
        Uid = record.Uid,
        Gid = record.Gid,
        UserName = record.UserName,
        GroupName = record.GroupName,
        Permissions = record.Permissions,
        AlternateMirrorName = record.AlternateMirrorName,
        AlternateIncrementName = record.AlternateIncrementName,
        Xattrs = xattrs,
        Acl = acl,
    };
}
