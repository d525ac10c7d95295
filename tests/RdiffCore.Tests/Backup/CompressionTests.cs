using System.Text;
using RdiffCore.Backup;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Backup;

/// <summary>
/// Which increments and session files are gzipped: by default, with --no-compression and with
/// --not-compressed-regexp, compared name for name with rdiff-backup 2.2.2 on the same trees, and
/// rdiff-backup restoring the older versions from our repositories.
/// </summary>
public sealed class CompressionTests
{
    private const long T1 = 1000000000, T2 = 1000001000;
    private static readonly string[] Names = ["Photo.JPG", "notes.txt", "archive.tar.gz", "plain", "gone.txt", "gone.png"];

    [TestCase("default")]
    [TestCase("--no-compression")]
    [TestCase("--not-compressed-regexp")]
    public void Increments_and_session_files_are_compressed_as_rdiff_backup_compresses_them(string mode)
    {
        using var temp = new TempDirectory();
        var listings = new Dictionary<string, string[]>();
        foreach (string tool in new[] { "rdiffsharp", "rdiff-backup" })
        {
            string src = temp[$"src-{tool}"], repo = temp[$"repo-{tool}"];
            Directory.CreateDirectory(src);
            foreach (string name in Names)
            {
                File.WriteAllText(Path.Combine(src, name), $"{name} first version, long enough to be worth a delta\n");
                File.SetLastWriteTimeUtc(Path.Combine(src, name), DateTime.UnixEpoch.AddSeconds(T1 - 100));
            }
            Backup(tool, mode, src, repo, T1);
            foreach (string name in Names.Where(n => !n.StartsWith("gone", StringComparison.Ordinal)))
            {
                File.AppendAllText(Path.Combine(src, name), "second version\n");
            }
            File.Delete(Path.Combine(src, "gone.txt"));
            File.Delete(Path.Combine(src, "gone.png"));
            Backup(tool, mode, src, repo, T2);
            string data = Path.Combine(repo, "rdiff-backup-data");
            listings[tool] = [
                .. Directory.GetFiles(Path.Combine(data, "increments")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!,
                .. Directory.GetFiles(data).Select(Path.GetFileName)
                    .Where(n => n!.StartsWith("file_statistics", StringComparison.Ordinal) || n.StartsWith("error_log", StringComparison.Ordinal)
                        || n.StartsWith("session_statistics", StringComparison.Ordinal) || n.StartsWith("mirror_metadata", StringComparison.Ordinal))
                    .Order(StringComparer.Ordinal)!,
            ];
        }

        Assert.That(listings["rdiffsharp"], Is.EqualTo(listings["rdiff-backup"]));
        string[] ours = listings["rdiffsharp"];
        const string Inc = ".2001-09-09T01:46:40Z.";
        string[] expected = mode switch
        {
            "default" => ["Photo.JPG" + Inc + "diff", "archive.tar.gz" + Inc + "diff", "gone.png" + Inc + "snapshot", "gone.txt" + Inc + "snapshot.gz", "notes.txt" + Inc + "diff.gz"],
            "--no-compression" => ["Photo.JPG" + Inc + "diff", "archive.tar.gz" + Inc + "diff", "gone.png" + Inc + "snapshot", "gone.txt" + Inc + "snapshot", "notes.txt" + Inc + "diff"],
            _ => ["Photo.JPG" + Inc + "diff.gz", "archive.tar.gz" + Inc + "diff.gz", "gone.png" + Inc + "snapshot.gz", "gone.txt" + Inc + "snapshot", "notes.txt" + Inc + "diff"],
        };
        Assert.That(ours, Is.SupersetOf(expected), "the oracle agrees; this pins what it agrees on");
        Assert.That(ours, Does.Contain(mode == "--no-compression" ? "file_statistics.2001-09-09T02:03:20Z.data" : "file_statistics.2001-09-09T02:03:20Z.data.gz"));
        Assert.That(ours, Does.Contain("mirror_metadata.2001-09-09T02:03:20Z.snapshot.gz"), "API 200 always gzips the metadata");

        // rdiff-backup rebuilds the first versions from our uncompressed and compressed increments alike.
        string restored = temp["restored"];
        RdiffBackupOracle.RunRdiffBackup("UTC", "restore", "--at", T1.ToString(), temp["repo-rdiffsharp"], restored);
        foreach (string name in Names)
        {
            Assert.That(File.ReadAllText(Path.Combine(restored, name)), Is.EqualTo($"{name} first version, long enough to be worth a delta\n"), name);
        }
    }

    private static void Backup(string tool, string mode, string src, string repo, long time)
    {
        string[] flags = mode switch
        {
            "default" => [],
            "--no-compression" => ["--no-compression"],
            _ => ["--not-compressed-regexp", @".*\.txt$"],
        };
        if (tool == "rdiff-backup")
        {
            RdiffBackupOracle.RunRdiffBackup("UTC", ["--current-time", time.ToString(), "backup", .. flags, src, repo]);
            return;
        }
        BackupEngine.Run(new BackupOptions
        {
            Source = Encoding.UTF8.GetBytes(src),
            Repository = Encoding.UTF8.GetBytes(repo),
            CurrentTime = time,
            TimeZone = TimeZoneInfo.Utc,
            Compression = mode != "--no-compression",
            NoCompressionRegex = mode == "--not-compressed-regexp" ? @".*\.txt$" : null,
        }, w => Assert.Fail(w));
    }
}
