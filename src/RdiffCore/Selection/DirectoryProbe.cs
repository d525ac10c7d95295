using Microsoft.Win32.SafeHandles;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;

namespace RdiffCore.Selection;

/// <summary>
/// Answers the rules' questions from the disk below the source directory. The walk asks about the
/// same parent for each of its entries in turn, so the last cache-tag answer is kept.
/// </summary>
/// Every question goes through the source root's handle (<see cref="RootedTree"/>): a directory
/// swapped for a symlink cannot make the rules look outside the source. What cannot be looked at
/// (a directory that is not searchable) holds nothing as far as the rules are concerned; the walk
/// reports it.
internal sealed class DirectoryProbe(byte[] sourceRoot) : IDirectoryProbe, IDisposable
{
    private RootedTree? _tree;
    private RelPath _lastTagDirectory;
    private bool _lastTagAnswer;
    private bool _hasLastTag;

    public bool Holds(RelPath directory, ReadOnlySpan<byte> name) => TryLStat(RelPath.Join(Below(directory), name), out _);

    public bool IsReadable(RelPath directory)
    {
        if (!TryLStat(Below(directory), out FileStatus status))
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
        _lastTagAnswer = ReadTag(RelPath.Join(Below(directory), CacheTagRule.TagName));
        _lastTagDirectory = directory;
        _hasLastTag = true;
        return _lastTagAnswer;
    }

    public void Dispose() => _tree?.Dispose();

    // Opened on first use: most rule sets never ask.
    private RootedTree Tree => _tree ??= RootedTree.Open(sourceRoot);

    private byte[] Below(RelPath directory) =>
        sourceRoot is [(byte)'/'] && !directory.IsRoot ? [(byte)'/', .. directory.Bytes] : directory.Under(sourceRoot);

    private bool TryLStat(byte[] path, out FileStatus status)
    {
        try
        {
            return Tree.TryLStat(path, out status);
        }
        catch (PosixException)
        {
            status = default;
            return false;
        }
    }

    private bool ReadTag(byte[] tagPath)
    {
        if (!TryLStat(tagPath, out FileStatus status) || status.Kind != FileKind.Regular || status.Size < CacheTagRule.Signature.Length)
        {
            return false;
        }
        try
        {
            using SafeFileHandle file = Tree.OpenRead(tagPath);
            if (PosixFs.FStat(file).Kind != FileKind.Regular)
            {
                return false;
            }
            using var stream = new FileStream(file, FileAccess.Read, 1);
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
