using System.IO.Compression;
using RdiffCli.Tests.Support;

namespace RdiffCli.Tests;

/// <summary>
/// The snapshot of a deleted empty file is a valid gzip stream of nothing, as rdiff-backup 2.2.2
/// writes it (zcat and gzip -t accept both), and the zero-byte .snapshot.gz files older rdiffsharp
/// versions wrote still restore and verify.
/// </summary>
public sealed class EmptyIncrementTests
{
    private const string T1 = "1000000000", T2 = "1000001000";
    private const string T1Name = "2001-09-09T01:46:40Z";

    [TestCase("rdiff-backup")]
    [TestCase("rdiffsharp")]
    public void A_deleted_empty_file_leaves_a_gzip_snapshot_that_gzip_accepts(string writer)
    {
        using var work = new Work(writer);
        string snapshot = Path.Combine(work.Repo, "rdiff-backup-data", "increments", $"empty.{T1Name}.snapshot.gz");
        byte[] bytes = File.ReadAllBytes(snapshot);
        Assert.That(bytes[..3], Is.EqualTo(new byte[] { 0x1f, 0x8b, 8 }), "a gzip header");
        Programs.Succeed(work.Root, "gzip", "-t", snapshot);
        Assert.That(Programs.Succeed(work.Root, "zcat", snapshot).Output, Is.Empty);
        using (var gzip = new GZipStream(File.OpenRead(snapshot), CompressionMode.Decompress))
        {
            Assert.That(gzip.ReadByte(), Is.EqualTo(-1));
        }
        // Every gzip file of the repository, increments and metadata alike.
        foreach (string file in Directory.GetFiles(work.Repo, "*.gz", SearchOption.AllDirectories))
        {
            Programs.Succeed(work.Root, "gzip", "-t", file);
        }
        foreach (string program in new[] { Programs.Rdiffsharp, "rdiff-backup" })
        {
            string target = Path.Combine(work.Root, "out-" + Path.GetFileName(program));
            Programs.Succeed(work.Root, program, "restore", "--at", T1, work.Repo, target);
            Assert.That(File.ReadAllBytes(Path.Combine(target, "empty")), Is.Empty);
            Programs.Succeed(work.Root, program, "verify", "--at", T1, work.Repo);
        }
    }

    [Test]
    public void A_zero_byte_snapshot_of_an_older_rdiffsharp_still_restores_and_verifies()
    {
        using var work = new Work("rdiffsharp");
        string snapshot = Path.Combine(work.Repo, "rdiff-backup-data", "increments", $"empty.{T1Name}.snapshot.gz");
        File.WriteAllBytes(snapshot, []);
        string target = Path.Combine(work.Root, "out");
        Programs.Succeed(work.Root, Programs.Rdiffsharp, "restore", "--at", T1, work.Repo, target);
        Assert.That(File.ReadAllBytes(Path.Combine(target, "empty")), Is.Empty);
        Assert.That(File.ReadAllText(Path.Combine(target, "kept")), Is.EqualTo("kept"));
        Programs.Succeed(work.Root, Programs.Rdiffsharp, "verify", "--at", T1, work.Repo);
        Programs.Succeed(work.Root, Programs.Rdiffsharp, "--api-version", "201", "compare", "--method", "full", "--at", T2, work.Source, work.Repo);
    }

    /// <summary>Two backups of a source whose empty file is deleted between them.</summary>
    private sealed class Work : IDisposable
    {
        public Work(string writer)
        {
            Root = Directory.CreateTempSubdirectory("rdiffsharp-empty-").FullName;
            Source = Path.Combine(Root, "src");
            Repo = Path.Combine(Root, "repo");
            Directory.CreateDirectory(Source);
            File.WriteAllBytes(Path.Combine(Source, "empty"), []);
            File.WriteAllText(Path.Combine(Source, "kept"), "kept");
            string program = writer == "rdiffsharp" ? Programs.Rdiffsharp : writer;
            Programs.Succeed(Root, program, "--current-time", T1, "backup", Source, Repo);
            File.Delete(Path.Combine(Source, "empty"));
            Programs.Succeed(Root, program, "--current-time", T2, "backup", Source, Repo);
        }

        public string Root { get; }

        public string Source { get; }

        public string Repo { get; }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}
