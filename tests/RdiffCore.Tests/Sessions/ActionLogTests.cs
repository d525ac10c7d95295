using System.Text;
using RdiffCore.Backup;
using RdiffCore.Sessions;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Sessions;

/// <summary>backup.log as rdiff-backup 2.2.2 writes it, byte for byte, under both API versions.</summary>
public sealed class ActionLogTests
{
    [TestCase(200)]
    [TestCase(201)]
    public void Two_backups_append_the_lines_rdiff_backup_appends(int api)
    {
        using var temp = new TempDirectory();
        var logs = new Dictionary<string, byte[]>();
        foreach (string tool in new[] { "rdiffsharp", "rdiff-backup" })
        {
            string src = temp[$"src-{tool}"], repo = temp[$"repo-{tool}"];
            Directory.CreateDirectory(src);
            File.WriteAllText(Path.Combine(src, "f"), "one");
            for (long time = 1000000000; time <= 1000001000; time += 1000)
            {
                if (tool == "rdiff-backup")
                {
                    RdiffBackupOracle.RunRdiffBackup("UTC", "--api-version", api.ToString(), "--current-time", time.ToString(), "backup", src, repo);
                }
                else
                {
                    BackupEngine.Run(new BackupOptions { Source = B(src), Repository = B(repo), CurrentTime = time, ApiVersion = api, TimeZone = TimeZoneInfo.Utc },
                        w => Assert.Fail(w));
                }
                File.WriteAllText(Path.Combine(src, "f"), "two");
            }
            logs[tool] = File.ReadAllBytes(Path.Combine(repo, "rdiff-backup-data", "backup.log"));
        }
        // The repository paths differ by the tool's name only.
        string ours = Encoding.UTF8.GetString(logs["rdiffsharp"])
            .Replace("src-rdiffsharp", "src-rdiff-backup", StringComparison.Ordinal).Replace("repo-rdiffsharp", "repo-rdiff-backup", StringComparison.Ordinal);
        Assert.That(ours, Is.EqualTo(Encoding.UTF8.GetString(logs["rdiff-backup"])));
        Assert.That(ours.Split('\n'), Has.Length.EqualTo(3));
    }

    [Test]
    public void Warnings_are_prefixed_as_rdiff_backup_prefixes_them()
    {
        Assert.That(ActionLog.Format("WARNING:", "ListError: 'a' x", 200), Is.EqualTo("WARNING: ListError: 'a' x\n"));
        Assert.That(ActionLog.Format("NOTE:", "m", 201), Is.EqualTo("NOTE:    m\n"));
        Assert.That(ActionLog.Format("WARNING:", "m", 201), Is.EqualTo("WARNING: m\n"));
    }

    private static byte[] B(string path) => Encoding.UTF8.GetBytes(path);
}
