using RdiffCli.Tests.Support;

namespace RdiffCli.Tests;

/// <summary>Backups into a 4 MiB tmpfs that fills up, through the built executable; rdiff-backup regresses and restores the result.</summary>
public sealed class FullDiskTests
{
    private const int FileSize = 500_000;

    private string _root = "";
    private string _disk = "";

    [SetUp]
    public void MountSmallDisk()
    {
        Programs.RequireRoot();
        _root = Directory.CreateTempSubdirectory("rdiffsharp-full-").FullName;
        _disk = Path.Combine(_root, "disk");
        Directory.CreateDirectory(_disk);
        Programs.Succeed(_root, "mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", _disk);
    }

    [TearDown]
    public void Unmount()
    {
        if (_disk.Length > 0)
        {
            Programs.Run(_root, "umount", _disk);
            Directory.Delete(_root, recursive: true);
        }
    }

    [Test]
    public void A_backup_that_fills_the_disk_stops_with_one_line_and_leaves_a_regressable_repository()
    {
        string src = Path.Combine(_root, "src"), repo = Path.Combine(_disk, "repo");
        var random = new Random(7);
        Dictionary<string, byte[]> first = WriteFiles(src, random, "f1", "f2", "f3");
        Programs.Result run = Programs.Run(_root, Programs.Rdiffsharp, "--current-time", "1000000000", "backup", src, repo);
        Assert.That(run.Code, Is.Zero, run.Error);

        WriteFiles(src, random, "f1", "f2", "f3", "g1", "g2", "g3", "g4", "g5", "g6");
        run = Programs.Run(_root, Programs.Rdiffsharp, "--current-time", "1000001000", "backup", src, repo);

        Assert.That(run.Code, Is.EqualTo(ExitCodes.Fatal));
        Assert.That(run.Output, Is.Empty);
        Assert.That(run.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), "one line, no stack trace: " + run.Error);
        Assert.That(run.Error, Does.Contain($"'{repo}' is full").And.Contain("free space").And.Contain($"rdiff-backup --check-destination-dir {repo}"));
        Assert.That(Directory.GetFiles(repo, "rdiff-backup.tmp.*", SearchOption.AllDirectories), Is.Empty, "unfinished temp files are removed: the regress needs the space");
        Assert.That(Directory.GetFiles(Path.Combine(repo, "rdiff-backup-data"), "current_mirror.*"), Has.Length.EqualTo(2), "the new marker says: regress first");

        Programs.Result regress = Programs.Run(_root, "rdiff-backup", "--check-destination-dir", repo);
        Assert.That(regress.Code, Is.EqualTo(0).Or.EqualTo(2), regress.Error);
        Assert.That(Directory.GetFiles(Path.Combine(repo, "rdiff-backup-data"), "current_mirror.*"), Has.Length.EqualTo(1));
        string restored = Path.Combine(_root, "restored");
        Programs.Succeed(_root, "rdiff-backup", "restore", "--at", "now", repo, restored);
        Assert.That(Directory.GetFiles(restored).Select(Path.GetFileName), Is.EquivalentTo(first.Keys));
        foreach ((string name, byte[] data) in first)
        {
            Assert.That(File.ReadAllBytes(Path.Combine(restored, name)), Is.EqualTo(data), name);
        }
    }

    [Test]
    public void A_first_backup_into_a_full_disk_leaves_nothing_that_blocks_the_next_attempt()
    {
        string src = Path.Combine(_root, "src"), repo = Path.Combine(_disk, "repo");
        var random = new Random(8);
        WriteFiles(src, random, "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9");
        Programs.Result run = Programs.Run(_root, Programs.Rdiffsharp, "--current-time", "1000000000", "backup", src, repo);
        Assert.That(run.Code, Is.EqualTo(ExitCodes.Fatal));
        Assert.That(run.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), run.Error);
        Assert.That(run.Error, Does.Contain($"'{repo}' is full").And.Contain("run the backup again"));

        foreach (string name in new[] { "a4", "a5", "a6", "a7", "a8", "a9" })
        {
            File.Delete(Path.Combine(src, name));
        }
        run = Programs.Run(_root, Programs.Rdiffsharp, "--current-time", "1000001000", "backup", src, repo);
        Assert.That(run.Code, Is.Zero, run.Error);
        string restored = Path.Combine(_root, "restored");
        Programs.Succeed(_root, "rdiff-backup", "restore", "--at", "now", repo, restored);
        Assert.That(Directory.GetFiles(restored).Select(Path.GetFileName), Is.EquivalentTo(new[] { "a1", "a2", "a3" }));
        Assert.That(File.ReadAllBytes(Path.Combine(restored, "a2")), Is.EqualTo(File.ReadAllBytes(Path.Combine(src, "a2"))));
    }

    private static Dictionary<string, byte[]> WriteFiles(string directory, Random random, params string[] names)
    {
        Directory.CreateDirectory(directory);
        var written = new Dictionary<string, byte[]>();
        foreach (string name in names)
        {
            byte[] data = new byte[FileSize];
            random.NextBytes(data);
            File.WriteAllBytes(Path.Combine(directory, name), data);
            written[name] = data;
        }
        return written;
    }
}
