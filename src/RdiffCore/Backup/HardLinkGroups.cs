using RdiffCore.Model;

namespace RdiffCore.Backup;

/// <summary>
/// The hard-link groups in progress: the first member of a group is written normally, later members
/// become links to it (format.md §3.4). A group is forgotten once all its members were
/// seen, so memory follows the groups that are open, not the tree.
/// </summary>
internal sealed class HardLinkGroups
{
    private readonly Dictionary<(ulong Inode, ulong Device), Group> _groups = [];

    public bool Contains(MetadataRecord record) => _groups.ContainsKey((record.Inode, record.DeviceLoc));

    public bool TryGetFirst(MetadataRecord record, out PendingFile file, out byte[]? sha1)
    {
        if (record.HardLinkCount > 1 && _groups.TryGetValue((record.Inode, record.DeviceLoc), out Group? group))
        {
            file = group.File;
            sha1 = group.Sha1;
            if (--group.Remaining <= 0)
            {
                _groups.Remove((record.Inode, record.DeviceLoc));
            }
            return true;
        }
        file = null!;
        sha1 = null;
        return false;
    }

    /// <summary>Whether the group's first member kept its mirror file unchanged (without consuming a member).</summary>
    public bool FirstKept(MetadataRecord record) =>
        record.HardLinkCount > 1 && _groups.TryGetValue((record.Inode, record.DeviceLoc), out Group? group) && group.Kept;

    /// <summary>Records the first member of a group; <paramref name="kept"/>: its mirror file stays as it was.</summary>
    public void Seen(MetadataRecord record, PendingFile file, byte[]? sha1, bool kept = false)
    {
        if (record.HardLinkCount > 1 && !_groups.ContainsKey((record.Inode, record.DeviceLoc)))
        {
            _groups[(record.Inode, record.DeviceLoc)] = new Group(file, sha1, record.HardLinkCount - 1) { Kept = kept };
        }
    }

    private sealed class Group(PendingFile file, byte[]? sha1, long remaining)
    {
        public bool Kept { get; init; }

        public PendingFile File { get; } = file;

        public byte[]? Sha1 { get; } = sha1;

        public long Remaining { get; set; } = remaining;
    }
}
