using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using System.Text;
using RdiffCore.Increments;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Restore;
using RdiffCore.Storage;

namespace RdiffCore.Verify;

/// <summary>
/// The SHA-1 of a regular file as of a session, streamed: the mirror file or a snapshot is hashed
/// where it lies; a file that needs reverse deltas is rebuilt into a temporary file first (the
/// patcher reads its basis at random offsets), hashed, and removed.
/// </summary>
internal sealed class RebuiltFileHasher
{
    private const int BufferSize = 256 << 10;
    private readonly RepositoryLayout _layout;
    private readonly IncrementIndex _increments;
    private readonly long _mirrorTime;
    private readonly ScratchDirectory _scratch;
    private readonly Reconstructor _reconstructor;
    private readonly TempNames _temps = new("rdiffsharp.verify.", 0);

    /// <param name="layout">The repository.</param>
    /// <param name="increments">Its increments by path.</param>
    /// <param name="mirrorTime">The newest session.</param>
    /// <param name="scratch">The directory for files rebuilt from deltas (the caller's to remove).</param>
    public RebuiltFileHasher(RepositoryLayout layout, IncrementIndex increments, long mirrorTime, ScratchDirectory scratch)
    {
        _layout = layout;
        _increments = increments;
        _mirrorTime = mirrorTime;
        _scratch = scratch;
        _reconstructor = new Reconstructor(layout, increments, mirrorTime, scratch.Tree);
    }

    /// <summary>The SHA-1 of the file <paramref name="record"/> describes as of <paramref name="time"/>.</summary>
    /// <exception cref="RdiffException">The file cannot be rebuilt (a missing or damaged mirror file or increment).</exception>
    public byte[] Hash(MetadataRecord record, long time)
    {
        List<IncrementFile> chain = time >= _mirrorTime ? [] : Reconstructor.Chain(_increments.For(record), time);
        if (chain.Count == 0)
        {
            byte[] mirror = _layout.MirrorPath(record);
            return HashFile(_layout.Tree.OpenRead(mirror), compressed: false, mirror);
        }
        IncrementFile last = chain[^1];
        if (last.Name.Type is IncrementType.Missing or IncrementType.Dir)
        {
            throw new RdiffException($"its data at this time is not in the repository (the increment '{RepositoryPreparer.Show(last.Path)}' ends its history)");
        }
        if (chain.Count == 1 && last.Name.Type == IncrementType.Snapshot)
        {
            return HashFile(_layout.Tree.OpenRead(last.Path), last.Name.Compressed, last.Path);
        }
        (byte[] rebuilt, SafeFileHandle file) = _temps.CreateFile(_scratch.Tree, _scratch.Path);
        try
        {
            using (file)
            {
                _reconstructor.Write(record, time, rebuilt, file, () => _temps.CreateFile(_scratch.Tree, _scratch.Path));
            }
            return HashFile(_scratch.Tree.OpenRead(rebuilt), compressed: false, rebuilt);
        }
        finally
        {
            _scratch.Tree.UnlinkIfPresent(rebuilt);
        }
    }

    /// <summary>The SHA-1 of an open file (closed after); <paramref name="path"/> names it in errors.</summary>
    internal static byte[] HashFile(SafeFileHandle file, bool compressed, byte[] path)
    {
        using Stream raw = new FileStream(file, FileAccess.Read, 1);
        using Stream input = compressed ? new VerifiedGzipStream(raw) : raw;
        return HashStream(input, path);
    }

    /// <summary>The SHA-1 of what <paramref name="input"/> holds (read to its end; the caller closes it).</summary>
    internal static byte[] HashStream(Stream input, byte[] path)
    {
        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int n;
            while ((n = ReadChecked(input, buffer, path)) > 0)
            {
                sha1.AppendData(buffer, 0, n);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return sha1.GetHashAndReset();
    }

    private static int ReadChecked(Stream input, byte[] buffer, byte[] path)
    {
        try
        {
            return input.Read(buffer, 0, buffer.Length);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new RdiffException($"'{RepositoryPreparer.Show(path)}' cannot be read ({e.Message})");
        }
    }
}
