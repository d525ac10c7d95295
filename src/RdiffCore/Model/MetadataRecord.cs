namespace RdiffCore.Model;

/// <summary>
/// Everything the repository records about one path at one session: the fields of a
/// mirror_metadata record (format.md §1.6) plus the xattrs and ACL that live in the
/// session's extended_attributes and access_control_lists files. A record for <c>with</c>; compare
/// with the HasSame… methods, since the generated equality compares the byte arrays by reference.
/// </summary>
internal sealed record MetadataRecord
{
    public required RelPath Path { get; init; }

    public required FileKind Kind { get; init; }

    /// <summary>Bytes, for regular files.</summary>
    public long Size { get; init; }

    /// <summary>SHA-1 of the contents (20 bytes), when known; only the first link of a hard-link group has it.</summary>
    public byte[]? Sha1 { get; init; }

    /// <summary>The source's link count, when above 1 and hard links are kept; 0 otherwise.</summary>
    public long HardLinkCount { get; init; }

    /// <summary>The source's inode and device number (st_dev); meaningful when <see cref="HardLinkCount"/> is above 1.</summary>
    public ulong Inode { get; init; }

    public ulong DeviceLoc { get; init; }

    public byte[]? SymlinkTarget { get; init; }

    public uint DeviceMajor { get; init; }

    public uint DeviceMinor { get; init; }

    /// <summary>Epoch seconds; not recorded for symlinks, nor for devices by rdiff-backup 2.2.2 (see <see cref="ModTimeUnknown"/>).</summary>
    public long ModTime { get; init; }

    /// <summary>
    /// A device record without ModTime: rdiff-backup 2.2.2 writes none for devices (its reader takes
    /// one), RdiffSharp writes it so that a restored device keeps its mtime.
    /// </summary>
    public bool ModTimeUnknown { get; init; }

    public uint Uid { get; init; }

    public uint Gid { get; init; }

    /// <summary>The owner's name, or null when it has none (written ":").</summary>
    public string? UserName { get; init; }

    public string? GroupName { get; init; }

    /// <summary>mode &amp; 07777.</summary>
    public int Permissions { get; init; }

    public string? AlternateMirrorName { get; init; }

    public string? AlternateIncrementName { get; init; }

    public IReadOnlyList<Xattr> Xattrs { get; init; } = [];

    /// <summary>The ACL entries when the ACL is not basic (format.md §1.8); empty otherwise.</summary>
    public IReadOnlyList<AclEntry> Acl { get; init; } = [];

    public bool HasModTime => Kind is not (FileKind.Symlink or FileKind.None) && !ModTimeUnknown;

    public bool IsDevice => Kind is FileKind.CharDevice or FileKind.BlockDevice;

    /// <summary>True when every mirror_metadata field is equal (the test rdiff-backup uses to write metadata diffs).</summary>
    public bool HasSameMirrorFields(MetadataRecord other) =>
        Path == other.Path && Kind == other.Kind && Size == other.Size && BytesEqual(Sha1, other.Sha1)
        && HardLinkCount == other.HardLinkCount && (HardLinkCount <= 1 || (Inode == other.Inode && DeviceLoc == other.DeviceLoc))
        && BytesEqual(SymlinkTarget, other.SymlinkTarget) && DeviceMajor == other.DeviceMajor && DeviceMinor == other.DeviceMinor
        && ModTime == other.ModTime && ModTimeUnknown == other.ModTimeUnknown && Uid == other.Uid && Gid == other.Gid && UserName == other.UserName
        && GroupName == other.GroupName && Permissions == other.Permissions
        && AlternateMirrorName == other.AlternateMirrorName && AlternateIncrementName == other.AlternateIncrementName;

    /// <summary>Order does not matter: rdiff-backup stores xattrs in the order the kernel lists them.</summary>
    public bool HasSameXattrs(MetadataRecord other) =>
        Xattrs.Count == other.Xattrs.Count && (Xattrs.Count == 0 || Xattrs.All(other.Xattrs.Contains));

    public bool HasSameAcl(MetadataRecord other) => Acl.SequenceEqual(other.Acl);

    /// <summary>A "Type None" record: the path does not exist at that session.</summary>
    public static MetadataRecord Absent(RelPath path) => new() { Path = path, Kind = FileKind.None };

    private static bool BytesEqual(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);
}
