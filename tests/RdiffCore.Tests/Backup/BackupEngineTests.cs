using System.Text;
using RdiffCore.Backup;
using RdiffCore.Platform.Posix;
using RdiffCore.Restore;
using RdiffCore.Storage;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Backup;

/// <summary>Change detection and the errors of a backup, on real trees.</summary>
public sealed class BackupEngineTests
{
    private const long T1 = 1700000000;

    [Test]
    public void A_same_size_rewrite_in_the_second_of_the_backup_is_caught_where_rdiff_backup_misses_it()
    {
        using var temp = new TempDirectory();
        foreach (string tool in new[] { "rdiffsharp", "rdiff-backup" })
        {
            string src = temp[$"src-{tool}"], repo = temp[$"repo-{tool}"];
            Directory.CreateDirectory(src);
            string file = Path.Combine(src, "data");
            File.WriteAllText(file, "version 1");
            // The file's mtime is the session's own second: it may change again after being read.
            File.SetLastWriteTimeUtc(file, DateTimeOffset.FromUnixTimeSeconds(T1).UtcDateTime);
            Backup(tool, src, repo, T1);
            File.WriteAllText(file, "version 2");
            File.SetLastWriteTimeUtc(file, DateTimeOffset.FromUnixTimeSeconds(T1).UtcDateTime);
            Backup(tool, src, repo, T1 + 10);
            string mirrored = File.ReadAllText(Path.Combine(repo, "data"));
            if (tool == "rdiffsharp")
            {
                Assert.That(mirrored, Is.EqualTo("version 2"), "rdiffsharp checks the recorded SHA-1 of a file that could have changed after it was read");
                string restored = temp["restored-1"];
                RestoreEngine.Run(new RestoreOptions { Source = B(repo), Target = B(restored), At = T1.ToString() }, w => Assert.Fail(w));
                Assert.That(File.ReadAllText(Path.Combine(restored, "data")), Is.EqualTo("version 1"), "and the first version stays restorable");
            }
            else
            {
                Assert.That(mirrored, Is.EqualTo("version 1"), "rdiff-backup 2.2.2 misses the rewrite (its issue #469): this test shows the difference");
            }
        }
    }

    [Test]
    public void An_unchanged_tree_writes_no_increment_and_keeps_the_mirror()
    {
        using var temp = new TempDirectory();
        TestTree.Apply(temp["src"], 0);
        Backup("rdiffsharp", temp["src"], temp["repo"], T1);
        Backup("rdiffsharp", temp["src"], temp["repo"], T1 + 10);

        string data = Path.Combine(temp["repo"], "rdiff-backup-data");
        Assert.That(Directory.GetFiles(Path.Combine(data, "increments"), "*", SearchOption.AllDirectories), Is.Empty);
        Assert.That(Directory.GetFiles(data, "increments.*"), Is.Empty, "no root increment when nothing changed, as rdiff-backup");
        Assert.That(Directory.GetFiles(data, "current_mirror.*"), Has.Length.EqualTo(1));
    }

    [Test]
    public void Hard_links_modified_at_the_session_second_leave_no_temp_file_and_no_increment()
    {
        using var temp = new TempDirectory();
        string src = temp["src"], repo = temp["repo"];
        Directory.CreateDirectory(src);
        File.WriteAllText(Path.Combine(src, "first"), "linked content");
        PosixFs.Link(B(Path.Combine(src, "first")), B(Path.Combine(src, "second")));
        // Not older than the session: the next backup must look at the content of both names.
        File.SetLastWriteTimeUtc(Path.Combine(src, "first"), DateTimeOffset.FromUnixTimeSeconds(T1).UtcDateTime);
        Backup("rdiffsharp", src, repo, T1);
        Backup("rdiffsharp", src, repo, T1 + 10);

        Assert.That(Directory.GetFileSystemEntries(repo, "rdiff-backup.tmp.*"), Is.Empty, "every temp name is gone");
        Assert.That(Directory.GetFiles(Path.Combine(repo, "rdiff-backup-data", "increments"), "*", SearchOption.AllDirectories), Is.Empty,
            "unchanged links keep no increment");
        Assert.That(PosixFs.LStat(B(Path.Combine(repo, "second"))).Inode, Is.EqualTo(PosixFs.LStat(B(Path.Combine(repo, "first"))).Inode));
    }

    [Test]
    public void A_missing_source_is_a_one_line_error_naming_it()
    {
        using var temp = new TempDirectory();
        var error = Assert.Throws<RdiffException>(() => Run(temp["nope"], temp["repo"], T1));
        Assert.That(error!.Message, Does.Contain(temp["nope"]).And.Contain("does not exist"));
        Assert.That(Directory.Exists(temp["repo"]), Is.False, "nothing is written");
    }

    [Test]
    public void A_non_empty_directory_that_is_not_a_repository_needs_force()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp["src"]);
        File.WriteAllText(Path.Combine(temp["src"], "a"), "a");
        Directory.CreateDirectory(temp["repo"]);
        File.WriteAllText(Path.Combine(temp["repo"], "precious"), "keep");

        var error = Assert.Throws<RdiffException>(() => Run(temp["src"], temp["repo"], T1));
        Assert.That(error!.Message, Does.Contain("--force").And.Contain(temp["repo"]));
        Assert.That(File.Exists(Path.Combine(temp["repo"], "precious")), Is.True);
    }

    [Test]
    public void A_session_time_not_after_the_last_backup_is_refused()
    {
        using var temp = new TempDirectory();
        TestTree.Apply(temp["src"], 0);
        Run(temp["src"], temp["repo"], T1);
        var error = Assert.Throws<RdiffException>(() => Run(temp["src"], temp["repo"], T1));
        Assert.That(error!.Message, Does.Contain("not in the past"));
    }

    [Test]
    public void A_second_backup_while_one_runs_is_refused()
    {
        using var temp = new TempDirectory();
        TestTree.Apply(temp["src"], 0);
        Run(temp["src"], temp["repo"], T1);
        var layout = new RepositoryLayout(B(temp["repo"]));
        using (RepositoryLock.Take(layout, exclusive: true, 200, "x"))
        {
            var error = Assert.Throws<RepositoryLockedException>(() => Run(temp["src"], temp["repo"], T1 + 10));
            Assert.That(error!.Message, Does.Contain(temp["repo"]).And.Contain("in use"));
        }
        Run(temp["src"], temp["repo"], T1 + 10);
    }

    [Test]
    public void An_interrupted_backup_is_regressed_first()
    {
        using var temp = new TempDirectory();
        TestTree.Apply(temp["src"], 0);
        Run(temp["src"], temp["repo"], T1);
        // What a killed backup leaves: the new marker beside the old one, naming a dead process.
        string data = Path.Combine(temp["repo"], "rdiff-backup-data");
        File.WriteAllText(Path.Combine(data, "current_mirror.2023-11-15T22:13:20Z.data"), "PID 999999999\n");

        var warnings = new List<string>();
        BackupResult result = BackupEngine.Run(new BackupOptions { Source = Encoding.UTF8.GetBytes(temp["src"]), Repository = Encoding.UTF8.GetBytes(temp["repo"]), CurrentTime = T1 + 86400 * 2 }, warnings.Add);

        Assert.That(result.Regressed, Is.True);
        Assert.That(warnings, Does.Contain("Previous backup seems to have failed, regressing destination now"));
        Assert.That(Directory.GetFiles(data, "current_mirror.*"), Has.Length.EqualTo(1));
        Assert.That(File.ReadAllText(Path.Combine(data, "backup.log")), Does.Contain("WARNING: Previous backup seems to have failed"));
    }

    [Test]
    public void A_repository_inside_the_source_does_not_back_itself_up()
    {
        using var temp = new TempDirectory();
        TestTree.Apply(temp["src"], 0);
        string repo = Path.Combine(temp["src"], "backup");
        Run(temp["src"], repo, T1);
        Run(temp["src"], repo, T1 + 10);
        Assert.That(Directory.Exists(Path.Combine(repo, "backup")), Is.False);
    }

    private static void Backup(string tool, string src, string repo, long time)
    {
        if (tool == "rdiffsharp")
        {
            Run(src, repo, time);
        }
        else
        {
            ExternalTool.Succeed("rdiff-backup", "--current-time", time.ToString(), "backup", src, repo);
        }
    }

    private static void Run(string src, string repo, long time) =>
        BackupEngine.Run(new BackupOptions { Source = B(src), Repository = B(repo), CurrentTime = time }, w => Assert.Fail(w));

    private static byte[] B(string path) => Encoding.UTF8.GetBytes(path);
}
