using RdiffCli.Tests.Support;

namespace RdiffCli.Tests;

/// <summary>Selection options through the executable: the same command line gives the same mirror as rdiff-backup's.</summary>
public sealed class SelectionCommandTests
{
    [TestCase("--exclude", "**/*.tmp")]
    [TestCase("--include", "src/docs/**", "--exclude", "src/**")]
    [TestCase("--exclude", "src/docs/old", "--include", "src/docs", "--exclude", "**")]
    [TestCase("--exclude-if-present", ".nobackup", "--exclude-regexp", "\\.log$")]
    [TestCase("--exclude-globbing-filelist", "list.txt", "--max-file-size", "1000")]
    [TestCase("--include", "ignorecase:src/DOCS/readme*", "--exclude", "src/docs", "--exclude-symbolic-links")]
    public void The_mirror_is_rdiff_backups(params string[] selection)
    {
        string root = Directory.CreateTempSubdirectory("rdiffsharp-select-").FullName;
        try
        {
            BuildTree(Path.Combine(root, "src"));
            File.WriteAllText(Path.Combine(root, "list.txt"), "src/cache\n- src/docs/old/**\n");
            var mirrors = new Dictionary<string, List<string>>();
            foreach (string tool in new[] { Programs.Rdiffsharp, "rdiff-backup" })
            {
                string repo = tool == "rdiff-backup" ? "theirs" : "ours";
                Programs.Result run = Programs.Run(root, tool, [.. new[] { "backup" }, .. selection, "src", repo]);
                Assert.That(run.Code, Is.Zero, $"{tool}: {run.Error}");
                mirrors[repo] = Listing(Path.Combine(root, repo));
            }
            Assert.That(mirrors["ours"], Is.EqualTo(mirrors["theirs"]));
            Assert.That(mirrors["ours"], Is.Not.EqualTo(Listing(Path.Combine(root, "src"))), "the case selects something");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void Exclude_caches_keeps_the_tagged_directory_and_its_tag_only()
    {
        string root = Directory.CreateTempSubdirectory("rdiffsharp-caches-").FullName;
        try
        {
            BuildTree(Path.Combine(root, "src"));
            Programs.Succeed(root, Programs.Rdiffsharp, "backup", "--exclude-caches", "src", "repo");
            List<string> mirror = Listing(Path.Combine(root, "repo"));
            Assert.That(mirror, Does.Contain("cache").And.Contain("cache/CACHEDIR.TAG"));
            Assert.That(mirror, Has.None.StartsWith("cache/blob"));
            Assert.That(mirror, Does.Contain("fake-cache/CACHEDIR.TAG").And.Contain("fake-cache/data"), "a tag without the signature is no tag");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void A_bad_rule_is_one_line_before_anything_is_written()
    {
        string root = Directory.CreateTempSubdirectory("rdiffsharp-badrule-").FullName;
        try
        {
            BuildTree(Path.Combine(root, "src"));
            Programs.Result run = Programs.Run(root, Programs.Rdiffsharp, "backup", "--exclude-filelist", "missing.txt", "src", "repo");
            Assert.That(run.Code, Is.Not.Zero);
            Assert.That(run.Error.Trim().Split('\n'), Has.Length.EqualTo(1).And.Some.Contain("missing.txt"));
            Assert.That(Directory.Exists(Path.Combine(root, "repo")), Is.False);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void BuildTree(string src)
    {
        foreach (string dir in new[] { "docs/old", "docs/new", "cache", "fake-cache", "skipme", "data" })
        {
            Directory.CreateDirectory(Path.Combine(src, dir));
        }
        File.WriteAllText(Path.Combine(src, "docs", "readme.txt"), "read me");
        File.WriteAllText(Path.Combine(src, "docs", "old", "a.txt"), "old");
        File.WriteAllText(Path.Combine(src, "docs", "new", "b.tmp"), "tmp");
        File.WriteAllText(Path.Combine(src, "cache", "CACHEDIR.TAG"), "Signature: 8a477f597d28d172789f06886806bc55\n# a cache\n");
        File.WriteAllText(Path.Combine(src, "cache", "blob"), "cached");
        File.WriteAllText(Path.Combine(src, "fake-cache", "CACHEDIR.TAG"), "not a signature\n");
        File.WriteAllText(Path.Combine(src, "fake-cache", "data"), "kept");
        File.WriteAllText(Path.Combine(src, "skipme", ".nobackup"), "");
        File.WriteAllText(Path.Combine(src, "skipme", "inside"), "x");
        File.WriteAllText(Path.Combine(src, "data", "big.bin"), new string('b', 5000));
        File.WriteAllText(Path.Combine(src, "data", "small.log"), "log");
        File.CreateSymbolicLink(Path.Combine(src, "data", "link"), "big.bin");
    }

    private static List<string> Listing(string root) =>
        [.. Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p))
            .Where(p => !p.StartsWith("rdiff-backup-data", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
}
