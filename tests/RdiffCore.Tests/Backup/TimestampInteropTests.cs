using System.Text;
using RdiffCore.Backup;
using RdiffCore.Restore;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Backup;

/// <summary>
/// Session timestamps in file names against rdiff-backup 2.2.2 (format.md §1.2):
/// offsets fixed by the writing process's own start (not by --current-time), the compatible style,
/// and repositories that mix both styles; plus special_escapes written by hand into a repository.
/// </summary>
public sealed class TimestampInteropTests
{
    [Test]
    public void Names_use_the_zone_offsets_of_the_writing_process_not_of_the_session_year()
    {
        // America/Sao_Paulo kept DST until 2019: a process running today writes -03:00 even for a
        // summer 2018 wall-clock time at -02:00, and so must we, for the session and its increments.
        const string zone = "America/Sao_Paulo";
        long[] sessions = [1516000000, 1516086400, 1530000000];
        using var temp = new TempDirectory();
        for (int v = 0; v < sessions.Length; v++)
        {
            // A small tree older than the sessions (TestTree's 2023 mtimes would postdate them).
            Directory.CreateDirectory(temp["src"] + "/dir");
            foreach ((string name, int changedAt) in new[] { ("dir/a", 1), ("b", 2), ("c", 0) })
            {
                string path = Path.Combine(temp["src"], name);
                File.WriteAllText(path, $"{name} v{Math.Min(v, changedAt)}\n");
                File.SetLastWriteTimeUtc(path, DateTime.UnixEpoch.AddSeconds(1500000000 + Math.Min(v, changedAt)));
            }
            Directory.SetLastWriteTimeUtc(temp["src"] + "/dir", DateTime.UnixEpoch.AddSeconds(1500000000));
            BackupEngine.Run(new BackupOptions
            {
                Source = Bytes(temp["src"]),
                Repository = Bytes(temp["ours"]),
                CurrentTime = sessions[v],
                TimeZone = TimeZoneInfo.FindSystemTimeZoneById(zone),
            }, Fail);
            RdiffBackupOracle.RunRdiffBackup(zone, "--current-time", sessions[v].ToString(), "backup", temp["src"], temp["theirs"]);
            Assert.That(Names(temp["ours"]), Is.EqualTo(Names(temp["theirs"])), $"names after session {v}");
        }
        // Session 1 (07:06:40Z, wall 05:06:40 at -02:00) is named "05:06:40-03:00", which reads back an
        // hour late; its increments, named from that reading, say 06:06:40, in both tools.
        Assert.That(Names(temp["ours"]), Does.Contain("/rdiff-backup-data/current_mirror.2018-06-26T05:00:00-03:00.data"));
        Assert.That(Names(temp["ours"]), Does.Contain("/rdiff-backup-data/increments.2018-01-16T06:06:40-03:00.dir"));
    }

    [Test]
    public void A_repository_mixing_compatible_and_default_timestamps_restores_with_both_tools()
    {
        using var temp = new TempDirectory();
        long[] sessions = [1700000000, 1700086400, 1700172800, 1700259200];
        var versions = new List<List<string>>();
        for (int v = 0; v < sessions.Length; v++)
        {
            TestTree.Apply(temp["src"], v);
            versions.Add(TreeDescription.Of(temp["src"]));
            bool compatible = v is 0 or 3;
            if (v % 2 == 0)
            {
                RdiffBackupOracle.RunRdiffBackup("UTC", [.. Compatible(compatible), "--current-time", sessions[v].ToString(), "backup", temp["src"], temp["repo"]]);
            }
            else
            {
                BackupEngine.Run(new BackupOptions
                {
                    Source = Bytes(temp["src"]),
                    Repository = Bytes(temp["repo"]),
                    CurrentTime = sessions[v],
                    CompatibleTimestamps = compatible,
                    TimeZone = TimeZoneInfo.Utc,
                }, Fail);
            }
        }
        List<string> names = Names(temp["repo"]);
        Assert.That(names, Does.Contain("/rdiff-backup-data/session_statistics.2023-11-14T22-13-20Z.data"));
        Assert.That(names, Does.Contain("/rdiff-backup-data/session_statistics.2023-11-15T22:13:20Z.data"));
        Assert.That(names, Does.Contain("/rdiff-backup-data/current_mirror.2023-11-17T22-13-20Z.data"));
        for (int v = 0; v < sessions.Length; v++)
        {
            RestoreEngine.Run(new RestoreOptions { Source = Bytes(temp["repo"]), Target = Bytes(temp[$"ours-{v}"]), At = sessions[v].ToString() }, Fail);
            Assert.That(TreeDescription.Of(temp[$"ours-{v}"]), Is.EqualTo(versions[v]), $"our restore of version {v}");
            RdiffBackupOracle.RunRdiffBackup("UTC", "restore", "--at", sessions[v].ToString(), temp["repo"], temp[$"theirs-{v}"]);
            Assert.That(TreeDescription.Of(temp[$"theirs-{v}"]), Is.EqualTo(versions[v]), $"rdiff-backup's restore of version {v}");
        }
    }

    [Test]
    public void Special_escapes_written_into_a_repository_are_honoured_by_both_tools()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp["src"]);
        File.WriteAllText(temp["src"] + "/plain", "p");
        RdiffBackupOracle.RunRdiffBackup("UTC", "--current-time", "1700000000", "--chars-to-quote", "A-Z", "backup", temp["src"], temp["repo"]);
        // rdiff-backup writes these flags only for destinations that need them; a Linux one does not.
        File.WriteAllText(temp["repo"] + "/rdiff-backup-data/special_escapes", "escape_dos_devices\nescape_trailing_spaces");
        var versions = new List<List<string>>();
        string[][] added = [["aux.txt", "trail "], ["Con", "dot."]];
        for (int v = 0; v < added.Length; v++)
        {
            foreach (string name in added[v])
            {
                File.WriteAllText(Path.Combine(temp["src"], name), name);
            }
            versions.Add(TreeDescription.Of(temp["src"], mtimes: false));
            long time = 1700086400 + (v * 86400L);
            if (v == 0)
            {
                BackupEngine.Run(new BackupOptions { Source = Bytes(temp["src"]), Repository = Bytes(temp["repo"]), CurrentTime = time, TimeZone = TimeZoneInfo.Utc }, Fail);
            }
            else
            {
                RdiffBackupOracle.RunRdiffBackup("UTC", "--current-time", time.ToString(), "backup", temp["src"], temp["repo"]);
            }
        }
        // "Con" is quoted to ";067on" first, which is no DOS device name any more.
        Assert.That(Names(temp["repo"]), Is.SupersetOf(new[] { "/;097ux.txt", "/trail;032", "/;067on", "/dot;046" }));
        for (int v = 0; v < versions.Count; v++)
        {
            string at = (1700086400 + (v * 86400L)).ToString();
            RestoreEngine.Run(new RestoreOptions { Source = Bytes(temp["repo"]), Target = Bytes(temp[$"ours-{v}"]), At = at }, Fail);
            Assert.That(TreeDescription.Of(temp[$"ours-{v}"], mtimes: false), Is.EqualTo(versions[v]), $"our restore of version {v}");
            RdiffBackupOracle.RunRdiffBackup("UTC", "restore", "--at", at, temp["repo"], temp[$"theirs-{v}"]);
            Assert.That(TreeDescription.Of(temp[$"theirs-{v}"], mtimes: false), Is.EqualTo(versions[v]), $"rdiff-backup's restore of version {v}");
        }
    }

    private static string[] Compatible(bool compatible) => compatible ? ["--use-compatible-timestamps"] : [];

    // Without the one known divergence outside naming: a re-created later hard link gets a .snapshot
    // increment from us and a .diff from rdiff-backup.
    private static List<string> Names(string repository) =>
        [.. RepositoryListing.Entries(repository).Select(e => e[..e.LastIndexOf(' ', e.LastIndexOf(' ') - 1)])
            .Where(e => !e.StartsWith("/rdiff-backup-data/increments/hl_b.", StringComparison.Ordinal))];

    private static byte[] Bytes(string path) => Encoding.UTF8.GetBytes(path);

    private static void Fail(string warning) => Assert.Fail($"unexpected warning: {warning}");
}
