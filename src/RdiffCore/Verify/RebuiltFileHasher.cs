using System.Buffers;
using System.Security.Cryptography;
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
internal sealed class RebuiltFileHasher(RepositoryLayout layout, IncrementIndex increments, long mirrorTime, byte[] tempDirectory) : IDisposable
{
    private const int BufferSize = 256 << 10;
    private readonly RootedTree _temps = RootedTree.Open(tempDirectory);
    private Reconstructor? _reconstructor;
    private long _temp;

    public void Dispose() => _temps.Dispose();

    /// <summary>The SHA-1 of the file <paramref name="record"/> describes as of <paramref name="time"/>.</summary>
    /// <exception cref="RdiffException">The file cannot be rebuilt (a missing or damaged mirror file or increment).</exception>
    public byte[] Hash(MetadataRecord record, long time)
    {
        List<IncrementFile> chain = time >= mirrorTime ? [] : Reconstructor.Chain(increments.For(record), time);
        if (chain.Count == 0)
        {
            return HashFile(layout.Tree.OpenRead(layout.MirrorPath(record)), compressed: false, layout.MirrorPath(record));
        }
        IncrementFile last = chain[^1];
        if (last.Name.Type is IncrementType.Missing or IncrementType.Dir)
        {
            throw new RdiffException($"its data at this time is not in the repository (the increment '{RepositoryPreparer.Show(last.Path)}' ends its history)");
        }
        if (chain.Count == 1 && last.Name.Type == IncrementType.Snapshot)
        {
            return HashFile(layout.Tree.OpenRead(last.Path), last.Name.Compressed, last.Path);
        }
        byte[] rebuilt = NextTemp();
        try
        {
            _reconstructor ??= new Reconstructor(layout, increments, mirrorTime, _temps);
            _reconstructor.Write(record, time, rebuilt, NextTemp);
            return HashFile(_temps.OpenRead(rebuilt), compressed: false, rebuilt);
        }
        finally
        {
            _temps.UnlinkIfPresent(rebuilt);
        }
    }

    internal static byte[] HashFile(byte[] path, bool compressed) => HashFile(PosixFs.OpenRead(path), compressed, path);

    /// <summary>The SHA-1 of an open file (which is closed after); <paramref name="path"/> names it in errors.</summary>
    private static byte[] HashFile(Microsoft.Win32.SafeHandles.SafeFileHandle file, bool compressed, byte[] path)
    {
        using Stream raw = new FileStream(file, FileAccess.Read, 1);
        using Stream input = compressed ? new VerifiedGzipStream(raw) : raw;
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

    private byte[] NextTemp() => RelPath.Join(tempDirectory, Encoding.ASCII.GetBytes($"rdiffsharp.verify.{_temp++}"));
}
