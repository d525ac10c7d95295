using RdiffCore.Model;

namespace RdiffCore.Changes;

/// <summary>
/// Whether a source entry still matches what the repository recorded (format.md §3.2):
/// pure decisions over two records.
/// </summary>
internal static class ChangeDetector
{
    /// <summary>
    /// rdiff-backup's test: type, size (regular files), permissions, owner ids, owner names (when the
    /// record has them), mtime (not for symlinks and devices), symlink target, device numbers,
    /// xattrs, ACLs and the hard-link identity; never the contents.
    /// </summary>
    public static bool AttributesMatch(MetadataRecord source, MetadataRecord recorded, bool compareXattrs, bool compareAcls)
    {
        if (source.Kind != recorded.Kind)
        {
            return false;
        }
        if (source.Kind == FileKind.Regular && source.Size != recorded.Size)
        {
            return false;
        }
        if (source.Permissions != recorded.Permissions && source.Kind != FileKind.Symlink)
        {
            return false;
        }
        if (source.Kind != FileKind.Symlink && !OwnersMatch(source, recorded))
        {
            return false;
        }
        // A device that rdiff-backup recorded has no mtime to compare: like rdiff-backup, its mtime alone is no change.
        if (source.HasModTime && recorded.HasModTime && source.ModTime != recorded.ModTime)
        {
            return false;
        }
        if (source.Kind == FileKind.Symlink && !source.SymlinkTarget.AsSpan().SequenceEqual(recorded.SymlinkTarget))
        {
            return false;
        }
        if (source.IsDevice && (source.DeviceMajor != recorded.DeviceMajor || source.DeviceMinor != recorded.DeviceMinor))
        {
            return false;
        }
        if ((compareXattrs && !source.HasSameXattrs(recorded)) || (compareAcls && !source.HasSameAcl(recorded)))
        {
            return false;
        }
        return source.HardLinkCount == recorded.HardLinkCount;
    }

    /// <summary>
    /// rdiff-backup 2.2.2 misses a file rewritten in the same second as the previous backup read it,
    /// keeping its size (the mtime it recorded is then unchanged). A file whose recorded mtime is not
    /// older than the session that recorded it may have changed after it was read: its contents must
    /// be compared with the recorded SHA-1 even when its attributes match.
    /// </summary>
    public static bool NeedsContentCheck(MetadataRecord recorded, long recordingSessionTime) =>
        recorded.Kind == FileKind.Regular && recorded.ModTime >= recordingSessionTime;

    private static bool OwnersMatch(MetadataRecord source, MetadataRecord recorded) =>
        source.Uid == recorded.Uid && source.Gid == recorded.Gid
        && (recorded.UserName is null || source.UserName == recorded.UserName)
        && (recorded.GroupName is null || source.GroupName == recorded.GroupName);
}
