using RdiffCore.Model;

namespace RdiffCore.Verify;

/// <summary>
/// The recorded SHA-1 of a regular file: hard-link members after the first carry none of their own,
/// so the group's is used (rdiff-backup's Hardlink.get_hash). Records must come in index order.
/// </summary>
internal sealed class GroupHashes
{
    private readonly Dictionary<(ulong Inode, ulong Device), byte[]> _groups = [];

    public byte[]? Expected(MetadataRecord record)
    {
        if (record.HardLinkCount <= 1)
        {
            return record.Sha1;
        }
        if (record.Sha1 is byte[] own)
        {
            _groups[(record.Inode, record.DeviceLoc)] = own;
            return own;
        }
        return _groups.GetValueOrDefault((record.Inode, record.DeviceLoc));
    }
}
