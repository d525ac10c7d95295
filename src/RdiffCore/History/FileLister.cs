using RdiffCore.Changes;
using RdiffCore.Model;
using RdiffCore.Restore;
using RdiffCore.Storage;

namespace RdiffCore.History;

/// <summary>
/// What `list files` reports (format.md §4.3), streamed from the metadata: the
/// paths at a session, or the paths whose records differ between a session and the mirror.
/// </summary>
internal static class FileLister
{
    /// <summary>The session a time stands for: the latest at or before it, else the oldest.</summary>
    public static long Snap(RepositoryState state, long time)
    {
        IReadOnlyList<long> sessions = state.SessionTimes;
        long chosen = sessions[0];
        foreach (long session in sessions)
        {
            if (session <= time)
            {
                chosen = session;
            }
        }
        return chosen;
    }

    /// <summary>The paths at and below <paramref name="subPath"/> in the session <paramref name="session"/>, in canonical order.</summary>
    public static IEnumerable<RelPath> AtTime(RepositoryState state, RelPath subPath, long session)
    {
        foreach (MetadataRecord record in Under(MetadataFromTree.OrMetadata(state, session, subPath), subPath))
        {
            yield return record.Path;
        }
    }

    /// <summary>The paths at and below <paramref name="subPath"/> that are new, deleted or changed in the mirror since the session <paramref name="session"/>.</summary>
    public static IEnumerable<FileChange> ChangedSince(RepositoryState state, RelPath subPath, long session)
    {
        long mirror = state.MirrorTime ?? session;
        using IEnumerator<MetadataRecord> old = Under(MetadataFromTree.OrMetadata(state, session, subPath), subPath).GetEnumerator();
        using IEnumerator<MetadataRecord> current = Under(MetadataFromTree.OrMetadata(state, mirror, subPath), subPath).GetEnumerator();
        bool hasOld = old.MoveNext(), hasCurrent = current.MoveNext();
        while (hasOld || hasCurrent)
        {
            int order = !hasOld ? 1 : !hasCurrent ? -1 : RelPathComparer.Instance.Compare(old.Current.Path, current.Current.Path);
            if (order < 0)
            {
                yield return new FileChange("deleted", old.Current.Path);
                hasOld = old.MoveNext();
            }
            else if (order > 0)
            {
                yield return new FileChange("new", current.Current.Path);
                hasCurrent = current.MoveNext();
            }
            else
            {
                if (!LooselyEqual(old.Current, current.Current))
                {
                    yield return new FileChange("changed", old.Current.Path);
                }
                hasOld = old.MoveNext();
                hasCurrent = current.MoveNext();
            }
        }
    }

    /// <summary>
    /// rdiff-backup's RORPath equality with the old record on the left: ctime and link counts
    /// never count; inodes only for hard-linked regular files; sizes only for regular files;
    /// owners not for symlinks; an owner name only when the right side has one; a field the left
    /// side lacks (a SHA-1, a long name) is not compared. Extended attributes and ACLs are left
    /// out, as rdiff-backup does when it only reads a repository.
    /// </summary>
    internal static bool LooselyEqual(MetadataRecord left, MetadataRecord right)
    {
        bool regular = left.Kind == FileKind.Regular;
        bool symlink = left.Kind == FileKind.Symlink;
        bool sameType = left.Kind == right.Kind
            || (left.Kind is FileKind.CharDevice or FileKind.BlockDevice or FileKind.Fifo or FileKind.Socket
                && right.Kind == FileKind.Regular && right.Size == 0);
        return sameType
            && (!regular || left.Size == right.Size)
            && (left.Sha1 is null || (right.Sha1 is not null && left.Sha1.AsSpan().SequenceEqual(right.Sha1)))
            && (!regular || left.HardLinkCount <= 1 || (left.Inode == right.Inode && left.DeviceLoc == right.DeviceLoc))
            && (left.SymlinkTarget is null || (right.SymlinkTarget is not null && left.SymlinkTarget.AsSpan().SequenceEqual(right.SymlinkTarget)))
            && (!left.IsDevice || (left.DeviceMajor == right.DeviceMajor && left.DeviceMinor == right.DeviceMinor))
            && (!left.HasModTime || !right.HasModTime || left.ModTime == right.ModTime)
            && left.Permissions == right.Permissions
            && (symlink || (left.Uid == right.Uid && left.Gid == right.Gid
                && (right.UserName is null || right.UserName == left.UserName)
                && (right.GroupName is null || right.GroupName == left.GroupName)))
            && (left.AlternateMirrorName is null || left.AlternateMirrorName == right.AlternateMirrorName)
            && (left.AlternateIncrementName is null || left.AlternateIncrementName == right.AlternateIncrementName);
    }

    /// <summary>The records at and below a path; the stream is canonical, so it stops after the sub-tree.</summary>
    private static IEnumerable<MetadataRecord> Under(IEnumerable<MetadataRecord> records, RelPath subPath)
    {
        bool found = false;
        foreach (MetadataRecord record in records)
        {
            if (record.Path.IsAtOrBelow(subPath))
            {
                found = true;
                yield return record;
            }
            else if (found)
            {
                yield break;
            }
        }
    }
}
