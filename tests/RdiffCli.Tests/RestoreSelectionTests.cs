using System.Security.Cryptography;
using RdiffCli.Tests.Support;

namespace RdiffCli.Tests;

/// <summary>
/// `restore` with selection options, next to rdiff-backup 2.2.2 on a repository it wrote: both tools
/// restore into a directory of the same name (the rules match the target as given), and the trees
/// (names, kinds, modes, sizes, link targets, contents) must be the same.
/// </summary>
public sealed class RestoreSelectionTests
{
    private const string T1 = "1000000000", T2 = "1000001000";

    [TestCase("--exclude", "target/docs")]
    [TestCase("--include", "target/docs", "--exclude", "target/**")]
    [TestCase("--at", T1, "--exclude", "**/*.tmp")]
    [TestCase("--exclude-regexp", "\\.log$")]
    [TestCase("--include-regexp", "small", "--exclude-regexp", "\\.(log|bin)$")]
    [TestCase("--exclude-filelist", "../list.txt")]
    [TestCase("--exclude-globbing-filelist", "../globs.txt")]
    [TestCase("--exclude", "ignorecase:target/DOCS/readme*", "--exclude-symbolic-links")]
    [TestCase("--exclude-special-files")]
    [TestCase("--exclude-fifos", "--max-file-size", "1000")]
    [TestCase("--min-file-size", "100")]
    [TestCase("--include", "target/docs/old", "--exclude", "target/docs", "--exclude", "target/data")]
    [TestCase("--exclude-regexp", "/docs$")]
    // rdiff-backup looks for the file in the target, which is new: it excludes nothing.
    [TestCase("--exclude-if-present", ".nobackup", "--exclude", "target/cache")]
    [TestCase("--at", T1, "--exclude", "target/data")]
    [TestCase("--at", T1, "--include", "target/data/small.log", "--exclude", "**")]
    [TestCase("--max-file-size", "5", "@docs")]
    public void The_restored_tree_is_rdiff_backups(params string[] options)
    {
        string root = Setup();
        try
        {
            bool subPath = options[^1] == "@docs";
            string repo = subPath ? "../repo/docs" : "../repo";
            string[] rules = subPath ? options[..^1] : options;
            var trees = new Dictionary<string, List<string>>();
            foreach ((string tool, string side) in new[] { ("rdiff-backup", "theirs"), (Programs.Rdiffsharp, "ours") })
            {
                string cwd = Path.Combine(root, side);
                Programs.Result run = Programs.Run(cwd, tool, [.. new[] { "restore" }, .. rules, repo, "target"]);
                Assert.That(run.Code, Is.Zero, $"{tool}: {run.Error}");
                trees[side] = Tree(Path.Combine(cwd, "target"));
            }
            Assert.That(trees["ours"], Is.EqualTo(trees["theirs"]));
            Programs.Succeed(root, "rdiff-backup", "restore", "--at", options.Contains(T1) ? T1 : "now", subPath ? "repo/docs" : "repo", "full");
            Assert.That(trees["ours"], Is.Not.EqualTo(Tree(Path.Combine(root, "full"))), "the case selects something");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TestCase("--exclude", "target/b", "--exclude", "target/**.log")]
    [TestCase("--include", "target/docs/readme.txt", "--exclude", "**")]
    [TestCase("--exclude-if-present", ".nobackup")]
    public void Force_keeps_what_the_rules_exclude_in_the_target(params string[] rules)
    {
        string root = Setup();
        try
        {
            var trees = new Dictionary<string, List<string>>();
            foreach ((string tool, string side) in new[] { ("rdiff-backup", "theirs"), (Programs.Rdiffsharp, "ours") })
            {
                string cwd = Path.Combine(root, side), target = Path.Combine(cwd, "target");
                foreach (string dir in new[] { "b", "docs", "stale", "data" })
                {
                    Directory.CreateDirectory(Path.Combine(target, dir));
                }
                File.WriteAllText(Path.Combine(target, "b", "keep.txt"), "keep");
                File.WriteAllText(Path.Combine(target, "docs", "readme.txt"), "an older text");
                File.WriteAllText(Path.Combine(target, "docs", "extra.log"), "extra");
                File.WriteAllText(Path.Combine(target, "stale", "gone"), "gone");
                File.WriteAllText(Path.Combine(target, "data", ".nobackup"), "");
                File.WriteAllText(Path.Combine(target, "top.log"), "top");
                Programs.Result run = Programs.Run(cwd, tool, [.. new[] { "--force", "restore" }, .. rules, "../repo", "target"]);
                Assert.That(run.Code, Is.EqualTo(2), $"{tool}: a non-empty target is overwritten with a warning: {run.Error}");
                trees[side] = Tree(target);
            }
            Assert.That(trees["ours"], Is.EqualTo(trees["theirs"]));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TestCase("--exclude", "target/old")]
    [TestCase("--include-regexp", "old")]
    public void A_sub_path_with_file_rules_is_refused_as_rdiff_backup_refuses_it(params string[] rules)
    {
        string root = Setup();
        try
        {
            Programs.Result theirs = Programs.Run(Path.Combine(root, "theirs"), "rdiff-backup", [.. new[] { "restore" }, .. rules, "../repo/docs", "target"]);
            Programs.Result ours = Programs.Run(Path.Combine(root, "ours"), Programs.Rdiffsharp, [.. new[] { "restore" }, .. rules, "../repo/docs", "target"]);
            Assert.That(theirs.Code, Is.Not.Zero);
            Assert.That(ours.Code, Is.Not.Zero);
            Assert.That(ours.Error.Trim().Split('\n'), Has.Length.EqualTo(1).And.Some.Contain("sub-path"));
            Assert.That(Directory.Exists(Path.Combine(root, "ours", "target")), Is.False);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TestCase("--exclude", "target/[docs")]
    [TestCase("--exclude-filelist", "missing.txt")]
    [TestCase("--exclude-regexp", "(")]
    [TestCase("--exclude", "elsewhere/docs")]
    [TestCase("--exclude-other-filesystems")]
    public void A_bad_rule_is_one_line_before_anything_is_written(params string[] rules)
    {
        string root = Setup();
        try
        {
            string logs = Path.Combine(root, "repo", "rdiff-backup-data");
            int before = Directory.GetFiles(logs, "restore.log*").Length;
            Programs.Result ours = Programs.Run(Path.Combine(root, "ours"), Programs.Rdiffsharp, [.. new[] { "restore" }, .. rules, "../repo", "target"]);
            Assert.That(ours.Code, Is.Not.Zero);
            Assert.That(ours.Error.Trim().Split('\n'), Has.Length.EqualTo(1), ours.Error);
            Assert.That(Directory.Exists(Path.Combine(root, "ours", "target")), Is.False);
            Assert.That(Directory.GetFiles(logs, "restore.log*"), Has.Length.EqualTo(before));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>A source, backed up twice by rdiff-backup into root/repo, and empty root/theirs and root/ours.</summary>
    internal static string Setup()
    {
        string root = Directory.CreateTempSubdirectory("rdiffsharp-restsel-").FullName;
        string src = Path.Combine(root, "src");
        foreach (string dir in new[] { "docs/old", "docs/new", "cache", "skipme", "data", "b" })
        {
            Directory.CreateDirectory(Path.Combine(src, dir));
        }
        File.WriteAllText(Path.Combine(src, "docs", "readme.txt"), "read me");
        File.WriteAllText(Path.Combine(src, "docs", "old", "a.txt"), "old");
        File.WriteAllText(Path.Combine(src, "docs", "new", "b.tmp"), "tmp");
        File.WriteAllText(Path.Combine(src, "cache", "blob"), "cached");
        File.WriteAllText(Path.Combine(src, "skipme", ".nobackup"), "");
        File.WriteAllText(Path.Combine(src, "skipme", "inside"), "x");
        File.WriteAllText(Path.Combine(src, "data", "big.bin"), new string('b', 5000));
        File.WriteAllText(Path.Combine(src, "data", "small.log"), "log");
        File.WriteAllText(Path.Combine(src, "b", "z.txt"), "z");
        File.CreateSymbolicLink(Path.Combine(src, "data", "link"), "big.bin");
        Programs.Succeed(root, "mkfifo", Path.Combine(src, "data", "pipe"));
        Programs.Succeed(root, "chmod", "750", Path.Combine(src, "docs", "old"));
        Programs.Succeed(root, "rdiff-backup", "--current-time", T1, "backup", "src", "repo");
        File.WriteAllText(Path.Combine(src, "data", "small.log"), "a longer log, written later");
        File.Delete(Path.Combine(src, "docs", "new", "b.tmp"));
        File.WriteAllText(Path.Combine(src, "docs", "new", "c.txt"), new string('c', 200));
        Programs.Succeed(root, "rdiff-backup", "--current-time", T2, "backup", "src", "repo");
        File.WriteAllText(Path.Combine(root, "list.txt"), "target/cache\n+ target/docs/old/a.txt\ntarget/docs/old\n");
        File.WriteAllText(Path.Combine(root, "globs.txt"), "target/**/*.tmp\n- target/skipme\n+ target/data/small.log\ntarget/data\n");
        Directory.CreateDirectory(Path.Combine(root, "theirs"));
        Directory.CreateDirectory(Path.Combine(root, "ours"));
        return root;
    }

    /// <summary>Every entry below <paramref name="directory"/>: path, kind, mode, link target, and the size and the SHA-256 of a regular file.</summary>
    internal static List<string> Tree(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return ["(none)"];
        }
        string[] lines = Programs.Succeed(directory, "find", ".", "-printf", "%P|%y|%m|%l\n").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return [.. lines.Select(line =>
        {
            string[] parts = line.Split('|');
            return parts[1] == "f" ? line + "|" + new FileInfo(Path.Combine(directory, parts[0])).Length + "|" + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(directory, parts[0])))) : line;
        }).Order(StringComparer.Ordinal)];
    }
}
