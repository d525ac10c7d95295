using System.Security.Cryptography;
using System.Text;
using RdiffCore.Backup;
using RdiffCore.Platform.Posix;
using RdiffCore.Restore;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Restore;

/// <summary>A 64 MiB file with data at three places: holes stay holes in the mirror and in every restore.</summary>
public sealed class SparseRestoreTests
{
    private const long T1 = 1000000000, T2 = 1000001000, T3 = 1000002000;
    private const long Size = 64L << 20;

    // Three 4 KiB pieces (plus one more in version 2): holes are found page by page, so a few pages
    // beside each piece at most, far below 64 MiB.
    private const long MaxAllocated = 128L << 10;

    [Test]
    public void Holes_stay_holes_in_the_mirror_and_when_restored_from_the_mirror_a_reverse_delta_and_a_snapshot()
    {
        using var temp = new TempDirectory();
        string src = temp["src"], repo = temp["repo"], file = Path.Combine(src, "disk.img");
        Directory.CreateDirectory(src);
        WriteSparse(file, [0, 20L << 20, Size - 4096], seed: 1);
        Assert.That(Allocated(file), Is.LessThan(MaxAllocated), "the test file itself must be sparse");
        byte[] version1 = Hash(file);
        Backup(src, repo, T1);
        Assert.That(Allocated(Path.Combine(repo, "disk.img")), Is.LessThan(MaxAllocated), "mirror after the first backup");

        WriteSparse(file, [40L << 20], seed: 2);
        byte[] version2 = Hash(file);
        Backup(src, repo, T2);
        Assert.That(Allocated(Path.Combine(repo, "disk.img")), Is.LessThan(MaxAllocated), "mirror rebuilt from the delta");

        AssertRestored(temp, repo, T1, version1, "from the mirror and a reverse delta");
        AssertRestored(temp, repo, T2, version2, "from the mirror");

        File.Delete(file);
        Backup(src, repo, T3);
        Assert.That(Directory.GetFiles(Path.Combine(repo, "rdiff-backup-data", "increments"), "disk.img.*.snapshot.gz"), Has.Length.EqualTo(1));
        AssertRestored(temp, repo, T2, version2, "from a gzipped snapshot");
        AssertRestored(temp, repo, T1, version1, "from a snapshot and a reverse delta");
    }

    private static void AssertRestored(TempDirectory temp, string repo, long time, byte[] hash, string how)
    {
        string target = temp[$"restored-{time}-{Guid.NewGuid():N}"];
        RestoreEngine.Run(new RestoreOptions { Source = B(Path.Combine(repo, "disk.img")), Target = B(target), At = time.ToString() }, w => Assert.Fail(w));
        Assert.That(new FileInfo(target).Length, Is.EqualTo(Size), how);
        Assert.That(Hash(target), Is.EqualTo(hash), how);
        Assert.That(Allocated(target), Is.LessThan(MaxAllocated), how);
    }

    /// <summary>Writes 4 KiB of random data at each offset, into a file of <see cref="Size"/> bytes that is a hole elsewhere.</summary>
    private static void WriteSparse(string path, long[] offsets, int seed)
    {
        var random = new Random(seed);
        using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write);
        stream.SetLength(Size);
        byte[] data = new byte[4096];
        foreach (long offset in offsets)
        {
            random.NextBytes(data);
            stream.Position = offset;
            stream.Write(data);
        }
    }

    private static long Allocated(string path) => PosixFs.LStat(B(path)).Blocks * 512;

    private static byte[] Hash(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return SHA256.HashData(stream);
    }

    private static void Backup(string src, string repo, long time) =>
        BackupEngine.Run(new BackupOptions { Source = B(src), Repository = B(repo), CurrentTime = time }, w => Assert.Fail(w));

    private static byte[] B(string path) => Encoding.UTF8.GetBytes(path);
}
