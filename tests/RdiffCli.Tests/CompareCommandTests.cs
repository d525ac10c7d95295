using RdiffCli.Tests.Support;

namespace RdiffCli.Tests;

/// <summary>`compare` through the built executable next to rdiff-backup 2.2.2, on repositories written by each tool.</summary>
public sealed class CompareCommandTests
{
    private const string T1 = "1000000000", T2 = "1000001000";

    [TestCase("rdiff-backup")]
    [TestCase("rdiffsharp")]
    public void Every_method_reports_what_rdiff_backup_reports(string writer)
    {
        string root = Directory.CreateTempSubdirectory("rdiffsharp-compare-").FullName;
        try
        {
            string src = Path.Combine(root, "src"), repo = Path.Combine(root, "repo");
            Directory.CreateDirectory(Path.Combine(src, "dir"));
            Write(Path.Combine(src, "dir", "same-size"), "aaaa", 100);
            Write(Path.Combine(src, "dir", "kept"), "kept", 100);
            Write(Path.Combine(src, "gone"), "gone", 100);
            Write(Path.Combine(src, "grows"), "small", 100);
            Backup(writer, root, src, repo, T1);
            Write(Path.Combine(src, "grows"), "larger now", 200);
            Backup(writer, root, src, repo, T2);

            // Same size and mtime, other bytes: only a data method sees it. A mode change, a new and a deleted file.
            Write(Path.Combine(src, "dir", "same-size"), "bbbb", 100);
            Programs.Succeed(root, "chmod", "400", Path.Combine(src, "dir", "kept"));
            File.Delete(Path.Combine(src, "gone"));
            Write(Path.Combine(src, "new"), "new", 300);

            string[][] commands =
            [
                ["compare", src, repo], ["compare", "--method", "hash", src, repo], ["compare", "--method", "full", src, repo],
                ["compare", "--at", T1, "--method", "full", src, repo], ["compare", "--method", "hash", "--at", T1, src, repo],
                ["--compare", src, repo], ["--compare-hash", src, repo], ["--compare-full", src, repo], ["--compare-at-time", T1, src, repo],
                ["--compare-hash-at-time", T1, src, repo], ["--compare-full-at-time", T1, src, repo],
                ["compare", Path.Combine(src, "dir"), Path.Combine(repo, "dir")],
                ["compare", "--method", "full", Path.Combine(src, "dir"), Path.Combine(repo, "dir")],
            ];
            foreach (string[] command in commands)
            {
                Programs.Result ours = Programs.Run(root, Programs.Rdiffsharp, command);
                Programs.Result theirs = Programs.Run(root, "rdiff-backup", command);
                Assert.That((ours.Code, ours.Output), Is.EqualTo((theirs.Code, theirs.Output)), string.Join(' ', command) + "\n" + ours.Error);
                // rdiff-backup also warns that its 1.x flags are deprecated; rdiffsharp keeps them.
                Assert.That(ours.Error, Is.EqualTo(string.Concat(theirs.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Where(line => !line.StartsWith("WARNING: this command line interface is deprecated", StringComparison.Ordinal)).Select(line => line + "\n"))));
            }
            Assert.That(Programs.Run(root, Programs.Rdiffsharp, "compare", "--method", "full", src, repo).Output,
                Does.Contain("metadata the same, data changed: dir/same-size"), "a test that can fail");

            Programs.Result clean = Programs.Run(root, Programs.Rdiffsharp, "compare", "--method", "full", Path.Combine(src, "dir"), Path.Combine(repo, "dir"));
            Assert.That(clean.Code, Is.EqualTo(1));
            // A backup misses a same-size rewrite that kept its mtime (as rdiff-backup): a new mtime makes it seen.
            Write(Path.Combine(src, "dir", "same-size"), "bbbb", 400);
            Backup(writer, root, src, repo, "1000002000");
            foreach (string method in new[] { "meta", "hash", "full" })
            {
                Programs.Result ours = Programs.Run(root, Programs.Rdiffsharp, "compare", "--method", method, src, repo);
                Assert.That((ours.Code, ours.Output), Is.EqualTo((0, "NOTE: No changes found. Directory matches archive data.\n")), ours.Error);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void Write(string path, string text, long mtime)
    {
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, DateTime.UnixEpoch.AddSeconds(999_000_000 + mtime));
    }

    private static void Backup(string writer, string root, string src, string repo, string time)
    {
        Directory.SetLastWriteTimeUtc(src, DateTime.UnixEpoch.AddSeconds(999_000_000));
        Directory.SetLastWriteTimeUtc(Path.Combine(src, "dir"), DateTime.UnixEpoch.AddSeconds(999_000_000));
        Programs.Succeed(root, writer == "rdiffsharp" ? Programs.Rdiffsharp : writer, "--current-time", time, "backup", src, repo);
    }
}
