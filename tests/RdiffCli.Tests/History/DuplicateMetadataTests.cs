using System.IO.Compression;
using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.History;

/// <summary>
/// Two mirror_metadata files of one time, side by side with rdiff-backup 2.2.2. A backup killed
/// (by strace, at the real system call) after writing the previous session's metadata diff and
/// before deleting its snapshot leaves both: regress and the next backup repair that with one
/// repair, as rdiff-backup's regress does. Any other duplicate is refused by a backup as
/// rdiff-backup refuses it, and, unlike rdiff-backup, before anything is written.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DuplicateMetadataTests
{
    private const long T0 = 1_700_000_000, T1 = 1_700_001_000, T2 = 1_700_002_000, T3 = 1_700_003_000;
    private const string T0Name = "2023-11-14T22:13:20Z", T1Name = "2023-11-14T22:30:00Z", T2Name = "2023-11-14T22:46:40Z";

    private string _root = "";

    [SetUp]
    public void Create() => _root = Directory.CreateTempSubdirectory("rdiffsharp-duplicates-").FullName;

    [TearDown]
    public void Delete() => Directory.Delete(_root, recursive: true);

    [TestCase("rdiffsharp")]
    [TestCase("rdiff-backup")]
    public void A_backup_killed_between_the_metadata_diff_and_the_snapshot_delete_is_repaired_by_regress_and_by_the_next_backup(string writer)
    {
        Assert.That(File.Exists("/usr/bin/strace"), Is.True, "this test kills at a system call with strace (apt-get install strace)");
        List<string> v1 = TwoBackups(writer);
        string data = Path.Combine(_root, "repo", "rdiff-backup-data");
        string snapshot = Programs.DataFile(Path.Combine(_root, "repo"), $"mirror_metadata.{T1Name}");
        // rdiff-backup unlinks by the path as given (relative), which -P matches as a string; rdiffsharp unlinks by
        // name in the directory it holds open, which -P matches by that descriptor: its first unlink there is the snapshot's.
        string[] inject = writer == "rdiffsharp"
            ? ["-e", "inject=unlinkat:signal=KILL:when=1", "-P", data]
            : ["-e", "inject=unlink:signal=KILL:when=1", "-P", Path.GetRelativePath(_root, snapshot)];
        Programs.Run(_root, "strace", ["-f", "-o", "/dev/null", .. inject, Tool(writer), "--current-time", $"{T2}", "backup", "src", "repo"]);
        Assert.That(Directory.GetFiles(data, "current_mirror.*"), Has.Length.EqualTo(2), "the third backup was killed before its commit");
        Assert.That(Directory.GetFiles(data, $"mirror_metadata.{T1Name}.*").Select(Path.GetFileName),
            Is.EquivalentTo(new[] { $"mirror_metadata.{T1Name}.snapshot.gz", $"mirror_metadata.{T1Name}.diff.gz" }), "killed between the diff and the snapshot's delete");

        Programs.Succeed(_root, "cp", "-a", "repo", "ours");
        Programs.Succeed(_root, "cp", "-a", "repo", "theirs");
        Programs.Succeed(_root, "cp", "-a", "repo", "next");
        Programs.Result ours = Programs.Run(_root, Programs.Rdiffsharp, "regress", "ours");
        Programs.Result theirs = Programs.Run(_root, "rdiff-backup", "regress", "theirs");
        Assert.That(ours.Code, Is.EqualTo(theirs.Code).And.EqualTo(2), ours.Error);
        Assert.That(ours.Error, Does.Not.Contain("duplicate"));
        Assert.That(Bookkeeping("ours"), Is.EqualTo(Bookkeeping("theirs")));
        Assert.That(Bookkeeping("ours"), Does.Contain($"mirror_metadata.{T1Name}.snapshot.gz f").And.Not.Contain($"mirror_metadata.{T1Name}.diff.gz f"));
        Assert.That(TreeListing.Of(Path.Combine(_root, "ours")), Is.EqualTo(v1));
        Assert.That(TreeListing.Of(Path.Combine(_root, "theirs")), Is.EqualTo(v1));
        Assert.That(Programs.Run(_root, "rdiff-backup", "verify", "ours").Code, Is.Zero);
        Assert.That(Programs.Run(_root, Programs.Rdiffsharp, "verify", "theirs").Code, Is.Zero);

        Programs.Result next = Programs.Run(_root, Programs.Rdiffsharp, "--current-time", $"{T3}", "backup", "src", "next");
        Assert.That(next.Code, Is.EqualTo(2), next.Error);
        Assert.That(TreeListing.Of(Path.Combine(_root, "next")), Is.EqualTo(TreeListing.Of(Path.Combine(_root, "src"))));
        Assert.That(Programs.Run(_root, "rdiff-backup", "verify", "next").Code, Is.Zero);
        Assert.That(Programs.Run(_root, "rdiff-backup", "verify", "--at", $"{T1}", "next").Code, Is.Zero);
    }

    // rdiff-backup names the later file of the newest duplicated time; so does rdiffsharp.
    [TestCase("diff beside the newest snapshot")]
    [TestCase("snapshot beside an older diff")]
    [TestCase("two snapshots of the newest time")]
    [TestCase("older duplicate in an interrupted repository")]
    public void A_backup_into_a_repository_with_duplicate_metadata_times_is_refused_and_changes_nothing(string kind)
    {
        TwoBackups("rdiffsharp");
        string data = Path.Combine(_root, "repo", "rdiff-backup-data");
        string newest = Programs.DataFile(Path.Combine(_root, "repo"), $"mirror_metadata.{T1Name}");
        string older = Programs.DataFile(Path.Combine(_root, "repo"), $"mirror_metadata.{T0Name}");
        switch (kind)
        {
            case "diff beside the newest snapshot":
                Write(Path.Combine(data, $"mirror_metadata.{T1Name}.diff.gz"), Programs.Lines(newest));
                break;
            case "snapshot beside an older diff":
                Write(Path.Combine(data, $"mirror_metadata.{T0Name}.snapshot.gz"), Programs.Lines(older));
                break;
            case "two snapshots of the newest time":
                Write(Path.Combine(data, $"mirror_metadata.{T1Name}.snapshot"), Programs.Lines(newest));
                break;
            default:
                string marker = Programs.DataFile(Path.Combine(_root, "repo"), $"current_mirror.{T1Name}");
                byte[] saved = File.ReadAllBytes(marker);
                Programs.Succeed(_root, Programs.Rdiffsharp, "--current-time", $"{T2}", "backup", "src", "repo");
                File.WriteAllBytes(marker, saved);
                Write(Path.Combine(data, $"mirror_metadata.{T0Name}.snapshot.gz"), Programs.Lines(older));
                break;
        }
        Programs.Succeed(_root, "cp", "-a", "repo", "ours");
        Programs.Succeed(_root, "cp", "-a", "repo", "theirs");
        List<string> before = TreeListing.Names(Path.Combine(_root, "repo"));
        List<string> mirror = TreeListing.Of(Path.Combine(_root, "repo"));

        Programs.Result ours = Programs.Run(_root, Programs.Rdiffsharp, "--current-time", $"{T3}", "backup", "src", "ours");
        Programs.Result theirs = Programs.Run(_root, "rdiff-backup", "--current-time", $"{T3}", "backup", "src", "theirs");
        Assert.That(ours.Code, Is.EqualTo(theirs.Code).And.EqualTo(1), ours.Error);
        Assert.That(ours.Error, Does.StartWith("rdiffsharp: Metadata file 'ours/rdiff-backup-data/mirror_metadata.").And.Contain("has a duplicate timestamp date"));
        Assert.That(Named(ours.Error), Is.EqualTo(Named(theirs.Error)), theirs.Error);
        Assert.That(TreeListing.Names(Path.Combine(_root, "ours")), Is.EqualTo(before), "nothing was written, not even a marker or a log line");
        Assert.That(TreeListing.Of(Path.Combine(_root, "ours")), Is.EqualTo(mirror));
    }

    [TestCase("diff beside the newest snapshot")]
    [TestCase("two snapshots of the newest time")]
    public void Regress_of_a_finished_repository_with_duplicate_metadata_times_has_nothing_to_do(string kind)
    {
        TwoBackups("rdiffsharp");
        string data = Path.Combine(_root, "repo", "rdiff-backup-data");
        string newest = Programs.DataFile(Path.Combine(_root, "repo"), $"mirror_metadata.{T1Name}");
        Write(Path.Combine(data, kind.StartsWith("diff", StringComparison.Ordinal) ? $"mirror_metadata.{T1Name}.diff.gz" : $"mirror_metadata.{T1Name}.snapshot"), Programs.Lines(newest));
        Programs.Succeed(_root, "cp", "-a", "repo", "ours");
        Programs.Succeed(_root, "cp", "-a", "repo", "theirs");

        Programs.Result ours = Programs.Run(_root, Programs.Rdiffsharp, "regress", "ours");
        Programs.Result theirs = Programs.Run(_root, "rdiff-backup", "regress", "theirs");
        Assert.That(ours.Code, Is.EqualTo(theirs.Code).And.Zero, ours.Error);
        Assert.That(ours.Error + ours.Output, Does.Contain("Given repository doesn't need to be regressed"));
        Assert.That(Bookkeeping("ours"), Is.EqualTo(Bookkeeping("theirs")));
    }

    private static string Tool(string writer) => writer == "rdiffsharp" ? Programs.Rdiffsharp : "rdiff-backup";

    /// <summary>Backs up src at T0 and T1 with <paramref name="writer"/>, then changes src; returns the tree as of T1.</summary>
    private List<string> TwoBackups(string writer)
    {
        string src = Path.Combine(_root, "src");
        Directory.CreateDirectory(Path.Combine(src, "d"));
        File.WriteAllText(Path.Combine(src, "f"), "v0\n");
        File.WriteAllText(Path.Combine(src, "d", "g"), "same\n");
        Programs.Succeed(_root, Tool(writer), "--current-time", $"{T0}", "backup", "src", "repo");
        File.WriteAllText(Path.Combine(src, "f"), "v1, longer\n");
        File.WriteAllText(Path.Combine(src, "gone"), "gone later\n");
        Programs.Succeed(_root, Tool(writer), "--current-time", $"{T1}", "backup", "src", "repo");
        List<string> v1 = TreeListing.Of(src);
        File.WriteAllText(Path.Combine(src, "f"), "v2\n");
        File.Delete(Path.Combine(src, "gone"));
        File.WriteAllText(Path.Combine(src, "d", "new"), "new\n");
        return v1;
    }

    private static void Write(string file, string[] lines)
    {
        using Stream raw = File.Create(file);
        using Stream data = file.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(raw, CompressionLevel.Optimal) : raw;
        data.Write(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
    }

    /// <summary>The metadata file a duplicate-time message names, without the repository's name.</summary>
    private static string Named(string error)
    {
        int at = error.IndexOf("rdiff-backup-data/", StringComparison.Ordinal);
        return at < 0 ? "" : error[at..error.IndexOf('\'', at)];
    }

    /// <summary>The names in rdiff-backup-data, the logs and rdiff-backup's left-over temporary files aside.</summary>
    private List<string> Bookkeeping(string repository) =>
        [.. TreeListing.Names(Path.Combine(_root, repository, "rdiff-backup-data"))
            .Where(n => !n.StartsWith("backup.log", StringComparison.Ordinal) && !n.StartsWith("regress.log", StringComparison.Ordinal) && !n.StartsWith("rdiff-backup.tmp", StringComparison.Ordinal))];
}
