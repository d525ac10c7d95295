using System.IO.Compression;
using System.Text;
using RdiffCore.Backup;
using RdiffCore.Restore;
using RdiffCore.Reporting;
using RdiffCore.Source;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Backup;

/// <summary>
/// Source files that vanish or change size between the walk and the read. The files are real; the
/// source tree is wrapped only to change them at that exact moment.
/// </summary>
public sealed class ChangingSourceTests
{
    private const long T1 = 1000000000, T2 = 1000001000;

    [Test]
    public void A_file_that_vanishes_or_changes_size_after_the_walk_keeps_its_previous_version()
    {
        using var temp = new TempDirectory();
        string src = temp["src"], repo = temp["repo"];
        Directory.CreateDirectory(src);
        foreach (string name in new[] { "grows", "shrinks", "vanishes", "steady" })
        {
            File.WriteAllText(Path.Combine(src, name), name + " v1");
        }
        Run(src, repo, T1, _ => { }, w => Assert.Fail(w));
        foreach (string name in new[] { "grows", "shrinks", "vanishes", "steady", "new-vanishes" })
        {
            File.WriteAllText(Path.Combine(src, name), name + " version 2");
        }

        var warnings = new List<string>();
        BackupResult result = Run(src, repo, T2, path =>
        {
            switch (Path.GetFileName(path))
            {
                case "grows":
                    File.AppendAllText(path, " and more");
                    break;
                case "shrinks":
                    File.WriteAllText(path, "s");
                    break;
                case "vanishes" or "new-vanishes":
                    File.Delete(path);
                    break;
            }
        }, warnings.Add);

        Assert.That(result.FileErrors, Is.EqualTo(4));
        string[] log = ErrorLog(repo);
        Assert.That(warnings, Is.EqualTo(log));
        Assert.That(log[0], Does.StartWith("UpdateError: 'grows' Updated mirror temp file '").And.Contain("does not match source"));
        Assert.That(log[1], Does.StartWith("ListError: 'new-vanishes' [Errno 2] No such file or directory: b'").And.EndWith("/src/new-vanishes'"));
        Assert.That(log[2], Does.StartWith("UpdateError: 'shrinks' Updated mirror temp file '"));
        Assert.That(log[3], Does.StartWith("ListError: 'vanishes' [Errno 2] No such file or directory: b'"));
        foreach (string name in new[] { "grows", "shrinks", "vanishes" })
        {
            Assert.That(File.ReadAllText(Path.Combine(repo, name)), Is.EqualTo(name + " v1"), "the mirror keeps the previous version");
        }
        Assert.That(File.ReadAllText(Path.Combine(repo, "steady")), Is.EqualTo("steady version 2"));
        Assert.That(File.Exists(Path.Combine(repo, "new-vanishes")), Is.False);
        Assert.That(Directory.GetFiles(repo, "rdiff-backup.tmp.*"), Is.Empty);
        Assert.That(Directory.GetFiles(Path.Combine(repo, "rdiff-backup-data", "increments")).Select(Path.GetFileName),
            Is.EquivalentTo(new[] { "steady.2001-09-09T01:46:40Z.diff.gz" }),
            "increments only for what was really updated: the failed ones were removed, the vanished new file got no .missing");

        string restored = temp["restored"];
        RestoreEngine.Run(new RestoreOptions { Source = B(repo), Target = B(restored), At = "now", TimeZone = TimeZoneInfo.Utc }, w => Assert.Fail(w));
        Assert.That(File.ReadAllText(Path.Combine(restored, "grows")), Is.EqualTo("grows v1"));
        Assert.That(File.ReadAllText(Path.Combine(restored, "vanishes")), Is.EqualTo("vanishes v1"));
        Assert.That(File.Exists(Path.Combine(restored, "new-vanishes")), Is.False);
        Assert.That(new FileInfo(Path.Combine(repo, "rdiff-backup-data", "restore.log")).Length, Is.Zero, "created, as rdiff-backup does, and empty without warnings");

        // The next backup takes the files as they are then.
        Assert.That(Run(src, repo, T2 + 1000, _ => { }, w => Assert.Fail(w)).FileErrors, Is.Zero);
        Assert.That(File.ReadAllText(Path.Combine(repo, "grows")), Is.EqualTo("grows version 2 and more"));
        Assert.That(File.Exists(Path.Combine(repo, "vanishes")), Is.False);
    }

    [Test]
    public void A_file_replaced_by_another_of_the_same_size_after_the_walk_keeps_its_previous_version()
    {
        using var temp = new TempDirectory();
        string src = temp["src"], repo = temp["repo"];
        Directory.CreateDirectory(src);
        File.WriteAllText(Path.Combine(src, "replaced"), "version 1");
        File.WriteAllText(Path.Combine(src, "steady"), "steady 1");
        Run(src, repo, T1, _ => { }, w => Assert.Fail(w));
        File.WriteAllText(Path.Combine(src, "replaced"), "version 2");
        File.WriteAllText(Path.Combine(src, "steady"), "steady 2");

        var warnings = new List<string>();
        BackupResult result = Run(src, repo, T2, path =>
        {
            if (Path.GetFileName(path) == "replaced")
            {
                // Same name, same size, another inode: not the file the walk described.
                File.WriteAllText(temp["other"], "version X");
                File.Move(temp["other"], path, overwrite: true);
            }
        }, warnings.Add);

        Assert.That(result.FileErrors, Is.EqualTo(1));
        string[] log = ErrorLog(repo);
        Assert.That(log, Has.Length.EqualTo(1));
        Assert.That(log[0], Does.StartWith("UpdateError: 'replaced' Source file '").And.Contain("was replaced after it was listed"));
        Assert.That(File.ReadAllText(Path.Combine(repo, "replaced")), Is.EqualTo("version 1"), "the mirror keeps the previous version");
        Assert.That(File.ReadAllText(Path.Combine(repo, "steady")), Is.EqualTo("steady 2"));
        Assert.That(Directory.GetFiles(repo, "rdiff-backup.tmp.*"), Is.Empty);

        Assert.That(Run(src, repo, T2 + 1000, _ => { }, w => Assert.Fail(w)).FileErrors, Is.Zero);
        Assert.That(File.ReadAllText(Path.Combine(repo, "replaced")), Is.EqualTo("version X"), "the next backup takes it");
    }

    private static BackupResult Run(string src, string repo, long time, Action<string> beforeRead, Action<string> warn) =>
        BackupEngine.Run(new BackupOptions { Source = B(src), Repository = B(repo), CurrentTime = time, TimeZone = TimeZoneInfo.Utc },
            warn, inner => new ChangingSource(inner, beforeRead));

    private static string[] ErrorLog(string repo)
    {
        string file = Directory.GetFiles(Path.Combine(repo, "rdiff-backup-data"), "error_log.2001-09-09T02:03:20Z.*").Single();
        using Stream raw = File.OpenRead(file);
        using Stream data = file.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        using var reader = new StreamReader(data);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static byte[] B(string path) => Encoding.UTF8.GetBytes(path);

    /// <summary>The real source tree; just before a file's data is opened, the test changes that file on disk.</summary>
    private sealed class ChangingSource(ISourceTree inner, Action<string> beforeRead) : ISourceTree
    {
        public IEnumerable<SourceEntry> Walk(IFileErrors errors) => inner.Walk(errors);

        public Stream OpenData(SourceEntry entry)
        {
            beforeRead(Encoding.UTF8.GetString(entry.FullPath));
            return inner.OpenData(entry);
        }
    }
}
