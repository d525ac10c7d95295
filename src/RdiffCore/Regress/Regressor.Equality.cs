using System.Security.Cryptography;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;

namespace RdiffCore.Regress;

/// <summary>Whether a mirror entry already is what the good session recorded, so that regress leaves it alone.</summary>
internal sealed partial class Regressor
{
    /// <summary>
    /// rdiff-backup's equal_loose (§3.5): inode and link count aside; owners only where they can be
    /// set, and then as mapped (a symlink's owner never counts).
    /// </summary>
    private bool LooselyEqual(MetadataRecord? record, FileStatus? status, byte[] mirror)
    {
        if (record is null || record.Kind == FileKind.None || status is not { } s)
        {
            return (record is null || record.Kind == FileKind.None) && status is null;
        }
        if (record.Kind != s.Kind)
        {
            return false;
        }
        return (record.Kind != FileKind.Regular || record.Size == s.Size)
            && (record.Kind == FileKind.Symlink || record.Permissions == s.Permissions)
            && (!record.HasModTime || record.ModTime == s.ModTimeSeconds)
            && (record.Kind != FileKind.Symlink || _layout.Tree.ReadLink(mirror).AsSpan().SequenceEqual(record.SymlinkTarget))
            && (!record.IsDevice || (record.DeviceMajor == s.RdevMajor && record.DeviceMinor == s.RdevMinor))
            && (_owners is null || record.Kind == FileKind.Symlink
                || (_owners.Users.Owner(record.Uid, record.UserName) == s.Uid && _owners.Groups.Owner(record.Gid, record.GroupName) == s.Gid));
    }

    /// <summary>
    /// A file the failed session rewrote in the same second with the same size looks loosely equal:
    /// where it left an increment and the metadata has a SHA-1, the contents decide.
    /// </summary>
    private bool ContentDiffers(MetadataRecord? record, Child child, byte[] mirror)
    {
        if (record is not { Kind: FileKind.Regular, Sha1: { } sha1 } || child.Increments.Count == 0)
        {
            return false;
        }
        // SHA-1 is the format's digest (SHA1Digest), not a security choice.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        using var file = new FileStream(_layout.Tree.OpenRead(mirror), FileAccess.Read, 1 << 16);
        byte[] buffer = new byte[1 << 16];
        int read;
        while ((read = file.Read(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }
        return !hash.GetHashAndReset().AsSpan().SequenceEqual(sha1);
    }
}
