using System.Text.RegularExpressions;
using RdiffCli.Tests.History;
using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.Safety;

/// <summary>
/// What a backup destroys or replaces in the mirror must be preserved on disk first, and a mirror
/// file renamed into place must have its data on disk first, whether or not an increment was
/// written. Under API 201 a file whose contents did not change (only its mtime) gets no increment;
/// if its new copy were renamed over the old one before its blocks reached the disk, a power loss
/// would leave an empty mirror file that the previous metadata still describes with the old SHA-1,
/// and a regress keeps it: the only copy of the data would be gone.
/// A test cannot cut the power; it can watch the order of system calls. strace records a real
/// backup's file creations, syncs, renames and unlinks; between the creation of what must be durable
/// and the mirror change that relies on it there must be a syncfs (the commit queue's one sync per
/// batch; fsync of single files would do too, but the queue does not use them).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class MirrorSyncOrderTests
{
    private string _root = "";

    [SetUp]
    public void CreateRoot()
    {
        Assert.That(File.Exists("/usr/bin/strace"), Is.True, "these tests watch system calls with strace (apt-get install strace)");
        _root = Directory.CreateTempSubdirectory("rdiffsharp-syncorder-").FullName;
        Directory.CreateDirectory(Path.Combine(_root, "src"));
    }

    [TearDown]
    public void RemoveRoot() => Directory.Delete(_root, recursive: true);

    /// <summary>
    /// More files than one batch of the commit queue holds (4096 changes): the first batch syncs the
    /// increment of the root directory, the second has no increment of its own.
    /// </summary>
    [Test]
    public void Files_with_unchanged_contents_are_synced_before_they_are_renamed_into_place()
    {
        const int Count = 4200;
        for (int i = 0; i < Count; i++)
        {
            File.WriteAllText(Path.Combine(_root, "src", $"f{i:D4}"), $"contents {i}, the same in both backups");
        }
        Programs.Succeed(_root, Programs.Rdiffsharp, "--api-version", "201", "backup", "--current-time", "1700000000", "src", "repo");
        foreach (string file in Directory.GetFiles(Path.Combine(_root, "src")))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UnixEpoch.AddSeconds(1700000500));
        }

        string[] lines = Trace("--api-version", "201", "backup", "--current-time", "1700001000", "src", "repo");

        string mirror = Path.Combine(_root, "repo", $"f{Count - 1:D4}");
        int renamed = Array.FindIndex(lines, l => Regex.IsMatch(l, $@"rename(at2?)?\(.*""[^""]*/rdiff-backup\.tmp\.\d+"".*""{Regex.Escape(mirror)}"""));
        Assert.That(renamed, Is.GreaterThan(0), $"no rename of a temp file onto {mirror} in the trace");
        string temp = Regex.Match(lines[renamed], @"""([^""]*/rdiff-backup\.tmp\.\d+)""").Groups[1].Value;
        AssertSyncBetween(lines, Created(lines, temp), renamed, $"{temp} renamed onto {mirror}");
        AssertRestoresSource();
    }

    /// <summary>A file that became a directory is removed on the spot: its snapshot increment must be durable before.</summary>
    [Test]
    public void A_file_that_became_a_directory_is_preserved_on_disk_before_it_is_removed()
    {
        File.WriteAllText(Path.Combine(_root, "src", "a"), "a file, then a directory");
        Programs.Succeed(_root, Programs.Rdiffsharp, "backup", "--current-time", "1700000000", "src", "repo");
        File.Delete(Path.Combine(_root, "src", "a"));
        Directory.CreateDirectory(Path.Combine(_root, "src", "a"));

        string[] lines = Trace("backup", "--current-time", "1700001000", "src", "repo");

        string mirror = Path.Combine(_root, "repo", "a");
        int removed = Array.FindIndex(lines, l => Regex.IsMatch(l, $@"unlink(at)?\(""{Regex.Escape(mirror)}"""));
        Assert.That(removed, Is.GreaterThan(0), $"no unlink of {mirror} in the trace");
        string increment = Path.Combine(_root, "repo", "rdiff-backup-data", "increments", "a.2023-11-14T22:13:20Z.snapshot.gz");
        AssertSyncBetween(lines, Created(lines, increment), removed, $"{mirror} removed");
        AssertRestoresSource();
        Programs.Succeed(_root, Programs.Rdiffsharp, "restore", "--at", "1700000000", "repo", "then");
        Assert.That(File.ReadAllText(Path.Combine(_root, "then", "a")), Is.EqualTo("a file, then a directory"));
    }

    private string[] Trace(params string[] arguments)
    {
        string trace = Path.Combine(_root, "trace");
        Programs.Succeed(_root, "strace", ["-f", "-y", "-o", trace, "-e", "trace=openat,rename,renameat,renameat2,unlink,unlinkat,fsync,fdatasync,syncfs",
            Programs.Rdiffsharp, .. arguments]);
        // The *at calls name a directory descriptor (shown by -y as N</path>) and a name in it: written back as one path.
        return [.. File.ReadAllLines(trace).Select(l => Regex.Replace(l, @"\b\d+<([^>]*)>, ""([^""]*)""", @"""$1/$2"""))];
    }

    private static int Created(string[] lines, string path)
    {
        int created = Array.FindIndex(lines, l => l.Contains("openat(", StringComparison.Ordinal) && l.Contains($"\"{path}\"", StringComparison.Ordinal)
            && l.Contains("O_CREAT", StringComparison.Ordinal));
        Assert.That(created, Is.GreaterThanOrEqualTo(0), $"no creation of {path} in the trace");
        return created;
    }

    private static void AssertSyncBetween(string[] lines, int written, int changed, string what)
    {
        Assert.That(written, Is.LessThan(changed), what);
        Assert.That(lines[written..changed].Any(l => l.Contains("syncfs(", StringComparison.Ordinal)), Is.True,
            $"{what} with no sync after it was written:\n{string.Join('\n', lines[written..(changed + 1)].TakeLast(40))}");
    }

    private void AssertRestoresSource()
    {
        Programs.Succeed(_root, Programs.Rdiffsharp, "restore", "--at", "now", "repo", "out");
        Assert.That(TreeListing.Of(Path.Combine(_root, "out")), Is.EqualTo(TreeListing.Of(Path.Combine(_root, "src"))));
    }
}
