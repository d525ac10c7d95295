using RdiffCli.Tests.Support;

namespace RdiffCli.Tests;

/// <summary>
/// Unreadable files and directories in the source, through the built executable run as user
/// nobody, next to rdiff-backup 2.2.2 run the same way on the same tree.
/// </summary>
public sealed class FileErrorTests
{
    private const string T1 = "1000000000", T2 = "1000001000", T3 = "1000002000";
    private const string T2Name = "2001-09-09T02:03:20Z";

    [Test]
    public void Unreadable_entries_are_logged_the_backup_goes_on_and_the_previous_versions_stay()
    {
        Programs.RequireRoot();
        string root = Directory.CreateTempSubdirectory("rdiffsharp-errors-").FullName;
        try
        {
            var runs = new Dictionary<string, Programs.Result>();
            foreach (string tool in new[] { "rdiffsharp", "rdiff-backup" })
            {
                string dir = Path.Combine(root, tool);
                BuildFirstTree(dir);
                Programs.Succeed(root, "chown", "-R", "nobody:nogroup", root);
                Assert.That(Backup(tool, dir, T1).Code, Is.Zero);
                MakeSomeUnreadable(dir);
                runs[tool] = Backup(tool, dir, T2);
            }

            string ours = Path.Combine(root, "rdiffsharp", "repo"), theirs = Path.Combine(root, "rdiff-backup", "repo");
            Programs.Result run = runs["rdiffsharp"];
            Assert.That(run.Code, Is.EqualTo(ExitCodes.FileErrors), run.Error);
            Assert.That(runs["rdiff-backup"].Code, Is.Zero, "rdiff-backup 2.2.2 exits 0 here; rdiffsharp sets the per-file error bit");

            string[] errorLog = Programs.Lines(Programs.DataFile(ours, "error_log." + T2Name));
            string[] theirLog = Programs.Lines(Programs.DataFile(theirs, "error_log." + T2Name));
            Assert.That(errorLog.Select(TypeAndName), Is.EqualTo(new[] { "ListError d/unr", "ListError locked", "ListError secret" }));
            Assert.That(theirLog.Select(TypeAndName), Is.EqualTo(errorLog.Select(TypeAndName)), "the same errors as rdiff-backup, in the same order");
            Assert.That(errorLog[2], Does.StartWith("ListError: 'secret' [Errno 13] Permission denied: b'").And.EndWith("/src/secret'"));
            Assert.That(theirLog[2], Does.StartWith("ListError: 'secret' [Errno 13] Permission denied: b'"));
            Assert.That(run.Error.TrimEnd().Split('\n'), Is.EqualTo(errorLog), "one line each on standard error");
            Assert.That(Programs.Lines(Programs.DataFile(ours, "session_statistics." + T2Name)), Does.Contain("Errors 3"));
            Assert.That(Programs.Lines(Programs.DataFile(theirs, "session_statistics." + T2Name)), Does.Contain("Errors 3"));

            string[] backupLog = Programs.Lines(Path.Combine(ours, "rdiff-backup-data", "backup.log"));
            string[] theirBackupLog = Programs.Lines(Path.Combine(theirs, "rdiff-backup-data", "backup.log"));
            Assert.That(backupLog[..2], Is.EqualTo(theirBackupLog[..2]), "the NOTE lines are rdiff-backup's, byte for byte");
            Assert.That(backupLog[2..], Is.EqualTo(errorLog.Select(l => "WARNING: " + l)));
            Assert.That(theirBackupLog[2..].Select(l => l[..l.IndexOf('\'', StringComparison.Ordinal)]), Is.EqualTo(backupLog[2..].Select(l => l[..l.IndexOf('\'', StringComparison.Ordinal)])));

            // The previous versions, read by rdiff-backup from our repository.
            Assert.That(Restore(root, ours, T1, "secret"), Is.EqualTo("keep"));
            Assert.That(Restore(root, ours, T1, "locked/x"), Is.EqualTo("sec"));
            // rdiff-backup drops unreadable entries from the new session (keeping them only as increments);
            // rdiffsharp keeps their previous mirror copy and record, so the newest backup still has them.
            Assert.That(Restore(root, ours, "now", "secret"), Is.EqualTo("keep"));
            Assert.That(Restore(root, ours, "now", "locked/x"), Is.EqualTo("sec"));
            Assert.That(Restore(root, ours, "now", "d/c"), Is.EqualTo("new"));
            Assert.That(File.Exists(Path.Combine(ours, "d", "unr")), Is.False);
            Assert.That(Directory.GetFiles(ours, "rdiff-backup.tmp.*", SearchOption.AllDirectories), Is.Empty);

            // Readable again: the next backup takes the new contents, the old ones stay restorable.
            string ourDir = Path.Combine(root, "rdiffsharp");
            Programs.Succeed(root, "chown", "-R", "nobody:nogroup", ourDir);
            Programs.Result third = Backup("rdiffsharp", ourDir, T3);
            Assert.That(third.Code, Is.Zero, third.Error);
            Assert.That(Restore(root, ours, "now", "secret"), Is.EqualTo("changed"));
            Assert.That(Restore(root, ours, "now", "d/unr"), Is.EqualTo("n2"));
            Assert.That(Restore(root, ours, T1, "secret"), Is.EqualTo("keep"));
            Assert.That(Programs.Lines(Path.Combine(ours, "rdiff-backup-data", "backup.log")), Has.Length.EqualTo(6), "appended, never rewritten");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void A_file_the_user_owns_but_may_not_read_is_backed_up_as_rdiff_backup_does()
    {
        Programs.RequireRoot();
        string root = Directory.CreateTempSubdirectory("rdiffsharp-own-").FullName;
        try
        {
            var mirrors = new Dictionary<string, string>();
            foreach (string tool in new[] { "rdiffsharp", "rdiff-backup" })
            {
                string dir = Path.Combine(root, tool), src = Path.Combine(dir, "src");
                Directory.CreateDirectory(Path.Combine(src, "closed"));
                File.WriteAllText(Path.Combine(src, "closed", "inside"), "in");
                File.WriteAllText(Path.Combine(src, "private"), "mine");
                Programs.Succeed(root, "chown", "-R", "nobody:nogroup", root);
                Programs.Succeed(root, "chmod", "000", Path.Combine(src, "private"), Path.Combine(src, "closed"));
                Programs.Result run = Backup(tool, dir, T1);
                Assert.That(run.Code, Is.EqualTo(tool == "rdiffsharp" ? ExitCodes.FileErrors : 0), run.Error);
                Assert.That(run.Error, Does.Contain("ListError").And.Contain("closed"), "a closed directory cannot be listed, by either tool");
                Assert.That(Programs.Run(root, "stat", "-c", "%a", Path.Combine(src, "private")).Output.Trim(), Is.EqualTo("0"), "the source's mode is put back");
                string repo = Path.Combine(dir, "repo");
                mirrors[tool] = Programs.Succeed(root, "stat", "-c", "%a %n", Path.Combine(repo, "private"), Path.Combine(repo, "closed")).Output.Replace(dir, "", StringComparison.Ordinal);
                Assert.That(Restore(root, repo, "now", "private"), Is.EqualTo("mine"));
            }
            Assert.That(mirrors["rdiffsharp"], Is.EqualTo(mirrors["rdiff-backup"]), "the mirror keeps u+r on files and u+rwx on directories, as rdiff-backup's");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void BuildFirstTree(string dir)
    {
        Directory.CreateDirectory(Path.Combine(dir, "src", "d"));
        Directory.CreateDirectory(Path.Combine(dir, "src", "locked"));
        File.WriteAllText(Path.Combine(dir, "src", "a"), "one");
        File.WriteAllText(Path.Combine(dir, "src", "d", "b"), "two");
        File.WriteAllText(Path.Combine(dir, "src", "locked", "x"), "sec");
        File.WriteAllText(Path.Combine(dir, "src", "secret"), "keep");
    }

    /// <summary>A changed file, a directory and a new file owned by root and closed to others; one new readable file.</summary>
    private static void MakeSomeUnreadable(string dir)
    {
        string src = Path.Combine(dir, "src");
        File.WriteAllText(Path.Combine(src, "secret"), "changed");
        File.WriteAllText(Path.Combine(src, "d", "c"), "new");
        File.WriteAllText(Path.Combine(src, "d", "unr"), "n2");
        Programs.Succeed(dir, "chown", "nobody:nogroup", Path.Combine(src, "d", "c"));
        Programs.Succeed(dir, "chown", "root:root", Path.Combine(src, "secret"), Path.Combine(src, "locked"), Path.Combine(src, "d", "unr"));
        Programs.Succeed(dir, "chmod", "600", Path.Combine(src, "secret"), Path.Combine(src, "d", "unr"));
        Programs.Succeed(dir, "chmod", "700", Path.Combine(src, "locked"));
    }

    private static Programs.Result Backup(string tool, string dir, string time) => tool == "rdiffsharp"
        ? Programs.AsNobody(dir, Programs.Rdiffsharp, "--current-time", time, "backup", "src", "repo")
        : Programs.AsNobody(dir, "rdiff-backup", "--current-time", time, "backup", "src", "repo");

    private static string Restore(string root, string repository, string at, string path)
    {
        string target = Path.Combine(root, "restored-" + Guid.NewGuid().ToString("N"));
        Programs.Succeed(root, "rdiff-backup", "restore", "--at", at, Path.Combine(repository, path), target);
        return File.ReadAllText(target);
    }

    // "ListError: 'src/d/unr' …" → "ListError d/unr": rdiff-backup names some paths with the source prefix.
    private static string TypeAndName(string line)
    {
        string type = line[..line.IndexOf(':', StringComparison.Ordinal)];
        int open = line.IndexOf('\'', StringComparison.Ordinal);
        string path = line[(open + 1)..line.IndexOf('\'', open + 1)];
        return $"{type} {(path.StartsWith("src/", StringComparison.Ordinal) ? path[4..] : path)}";
    }
}
