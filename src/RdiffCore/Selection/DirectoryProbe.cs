using RdiffCore.Model;
using RdiffCore.Platform.Posix;

namespace RdiffCore.Selection;

/// <summary>
/// Answers the rules' questions from the disk below the source directory. The walk asks about the
/// same parent for each of its entries in turn, so the last cache-tag answer is kept.
/// </summary>
internal sealed class DirectoryProbe(byte[] sourceRoot) : IDirectoryProbe
{
    private RelPath _lastTagDirectory;
    private bool _lastTagAnswer;
    private bool _hasLastTag;

    public bool Holds(RelPath directory, ReadOnlySpan<byte> name) =>
        PosixFs.TryLStat(RelPath.Join(directory.Under(sourceRoot), name), out _);

    public bool IsReadable(RelPath directory)
    {
        if (!PosixFs.TryLStat(directory.Under(sourceRoot), out FileStatus status))
        {
            return false;
        }
        // rdiff-backup reads the mode bits, and root counts as the owner. Group membership is not
        // known here, so a non-owner passes on the group or the other read bit.
        uint uid = PosixFs.EffectiveUid;
        if (uid == 0 || uid == status.Uid)
        {
            return (status.Permissions & 0x100) != 0;
        }
        return (status.Permissions & 0x24) != 0;
    }

    public bool HasCacheTag(RelPath directory)
    {
        if (_hasLastTag && _lastTagDirectory == directory)
        {
            return _lastTagAnswer;
        }
        _lastTagAnswer = ReadTag(RelPath.Join(directory.Under(sourceRoot), CacheTagRule.TagName));
        _lastTagDirectory = directory;
        _hasLastTag = true;
        return _lastTagAnswer;
    }

    private static bool ReadTag(byte[] tagPath)
    {
        if (!PosixFs.TryLStat(tagPath, out FileStatus status) || status.Kind != FileKind.Regular || status.Size < CacheTagRule.Signature.Length)
        {
            return false;
        }
        try
        {
            using var stream = new FileStream(PosixFs.OpenRead(tagPath), FileAccess.Read, 1);
            Span<byte> head = stackalloc byte[CacheTagRule.Signature.Length];
            stream.ReadExactly(head);
            return head.SequenceEqual(CacheTagRule.Signature);
        }
        catch (Exception e) when (e is PosixException or IOException)
        {
            return false;
        }
    }
}
