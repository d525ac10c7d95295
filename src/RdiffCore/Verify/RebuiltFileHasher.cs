using System.Buffers;
using System.IO.Compression;
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
internal sealed class RebuiltFileHasher(RepositoryLayout layout, IncrementIndex increments, long mirrorTime, byte[] tempDirectory)
{
    private const int BufferSize = 256 << 10;
    private readonly Reconstructor _reconstructor = new(layout, increments, mirrorTime);
    private readonly TempNames _temps = new("rdiffsharp.verify.", 0);

    /// <summary>The SHA-1 of the file <paramref name="record"/> describes as of <paramref name="time"/>.</summary>
    /// <exception cref="RdiffException">The file cannot be rebuilt (a missing or damaged mirror file or increment).</exception>
    public byte[] Hash(MetadataRecord record, long time)
    {
        List<IncrementFile> chain = time >= mirrorTime ? [] : Reconstructor.Chain(increments.For(record), time);
        if (chain.Count == 0)
        {
            return HashFile(layout.MirrorPath(record), compressed: false);
        }
        IncrementFile last = chain[^1];
        if (last.Name.Type is IncrementType.Missing or IncrementType.Dir)
        {
            throw new RdiffException($"its data at this time is not in the repository (the increment '{RepositoryPreparer.Show(last.Path)}' ends its history)");
        }
        if (chain.Count == 1 && last.Name.Type == IncrementType.Snapshot)
        {
            return HashFile(last.Path, last.Name.Compressed);
        }
        (byte[] rebuilt, SafeFileHandle file) = _temps.CreateFile(tempDirectory);
        try
        {
            using (file)
            {
                _reconstructor.Write(record, time, rebuilt, file, () => _temps.CreateFile(tempDirectory));
            }
            return HashFile(rebuilt, compressed: false);
        }
        finally
        {
            PosixFs.UnlinkIfPresent(rebuilt);
        }
    }

    internal static byte[] HashFile(byte[] path, bool compressed)
    {
        using Stream raw = new FileStream(PosixFs.OpenRead(path), FileAccess.Read, 1);
        using Stream input = compressed ? new GZipStream(raw, CompressionMode.Decompress) : raw;
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
