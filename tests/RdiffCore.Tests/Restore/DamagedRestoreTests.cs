using System.Text;
using RdiffCore.Backup;
using RdiffCore.Restore;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Restore;

/// <summary>A damaged repository: restore names each affected file and restores all the others.</summary>
public sealed class DamagedRestoreTests
{
    private const long T1 = 1700000000, T2 = 1700000100;

    [Test]
    public void A_flipped_mirror_byte_and_a_truncated_increment_are_named_and_every_other_file_is_restored()
    {
        using var temp = new TempDirectory();
        string src = temp["src"], repo = temp["repo"];
        Directory.CreateDirectory(src);
        for (int i = 0; i < 20; i++)
        {
            File.WriteAllText(Path.Combine(src, $"f{i:00}"), string.Concat(Enumerable.Repeat($"line {i}\n", 400)));
        }
        Backup(src, repo, T1);
        File.AppendAllText(Path.Combine(src, "f05"), "more\n");
        File.AppendAllText(Path.Combine(src, "f06"), "more\n");
        Backup(src, repo, T2);

        using (var mirror = new FileStream(Path.Combine(repo, "f03"), FileMode.Open))
        {
            mirror.Position = 100;
            mirror.WriteByte((byte)'#');
        }
        string increment = Directory.GetFiles(Path.Combine(repo, "rdiff-backup-data", "increments"), "f06.*.diff.gz").Single();
        File.WriteAllBytes(increment, File.ReadAllBytes(increment)[..20]);

        var latest = new List<string>();
        RestoreResult now = RestoreEngine.Run(new RestoreOptions { Source = B(repo), Target = B(temp["now"]), At = "now" }, latest.Add);
        Assert.That(latest, Has.Count.EqualTo(1).And.Some.Contain("'f03'").And.Some.Contain("SHA-1"));
        Assert.That(now.FileErrors, Is.EqualTo(1));

        var older = new List<string>();
        RestoreResult then = RestoreEngine.Run(new RestoreOptions { Source = B(repo), Target = B(temp["then"]), At = T1.ToString() }, older.Add);
        Assert.That(older, Has.Some.Contain("'f03'").And.Some.Contain("f06"), "the damaged mirror file and the truncated increment");
        Assert.That(then.FileErrors, Is.EqualTo(2));
        foreach (int i in Enumerable.Range(0, 20).Where(i => i is not 3 and not 6))
        {
            string expected = string.Concat(Enumerable.Repeat($"line {i}\n", 400));
            Assert.That(File.ReadAllText(Path.Combine(temp["then"], $"f{i:00}")), Is.EqualTo(expected), $"f{i:00} as of the first backup");
        }
    }

    [Test]
    public void Damaged_metadata_is_named_and_the_newest_backup_is_restored_from_the_mirror_after_it()
    {
        using var temp = new TempDirectory();
        string src = temp["src"], repo = temp["repo"];
        Directory.CreateDirectory(src);
        for (int i = 0; i < 300; i++)
        {
            File.WriteAllText(Path.Combine(src, $"f{i:000}"), $"content {i}\n");
        }
        Backup(src, repo, T1);
        File.AppendAllText(Path.Combine(src, "f001"), "more\n");
        Backup(src, repo, T2);
        string snapshot = Directory.GetFiles(Path.Combine(repo, "rdiff-backup-data"), "mirror_metadata.*.snapshot.gz").Single();
        byte[] bytes = File.ReadAllBytes(snapshot);
        bytes[bytes.Length / 2] ^= 0xff;
        File.WriteAllBytes(snapshot, bytes);

        var warnings = new List<string>();
        RestoreResult result = RestoreEngine.Run(new RestoreOptions { Source = B(repo), Target = B(temp["out"]), At = "now" }, warnings.Add);
        Assert.That(warnings, Has.Count.EqualTo(1).And.Some.Contain("metadata").And.Some.Contain("mirror"));
        Assert.That(result.FileErrors, Is.EqualTo(1), "the damage counts, so the exit code says so");
        for (int i = 0; i < 300; i++)
        {
            string expected = $"content {i}\n" + (i == 1 ? "more\n" : "");
            Assert.That(File.ReadAllText(Path.Combine(temp["out"], $"f{i:000}")), Is.EqualTo(expected), $"f{i:000}");
        }

        var older = new List<string>();
        Assert.DoesNotThrow(() => RestoreEngine.Run(new RestoreOptions { Source = B(repo), Target = B(temp["old"]), At = T1.ToString() }, older.Add),
            "an older backup whose metadata chain is damaged is named, not a crash");
        Assert.That(older, Has.Some.Contain("metadata"));
    }

    private static void Backup(string src, string repo, long time) =>
        BackupEngine.Run(new BackupOptions { Source = B(src), Repository = B(repo), CurrentTime = time }, w => Assert.Fail(w));

    private static byte[] B(string path) => Encoding.UTF8.GetBytes(path);
}
