using System.IO.Compression;
using System.Text;
using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.History;

/// <summary>
/// Every option rdiff-backup 2.2.2's regress takes, with rdiff-backup as the oracle on copies of
/// one interrupted repository written by each tool: owners by name, by id or through mapping
/// files (as root); duplicate metadata times refused or, with --allow-duplicate-timestamps,
/// warned about; --not-compressed-regexp checked; --compression / --no-compression accepted.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RegressOptionTests
{
    private const long T0 = 1_700_000_000;

    private string _root = "";

    [SetUp]
    public void Create() => _root = Directory.CreateTempSubdirectory("rdiffsharp-regress-options-").FullName;

    [TearDown]
    public void Delete() => Directory.Delete(_root, recursive: true);

    // The metadata records nobody's ids (65534) under daemon's names (uid 1, gid 1 here), so that
    // by name and by id give different owners; the untouched file "same" shows which one regress took.
    [TestCase("rdiffsharp", "", "1:1")]
    [TestCase("rdiff-backup", "", "1:1")]
    [TestCase("rdiffsharp", "--preserve-numerical-ids", "65534:65534")]
    [TestCase("rdiff-backup", "--preserve-numerical-ids", "65534:65534")]
    [TestCase("rdiffsharp", "--user-mapping-file", "2:1")]
    [TestCase("rdiff-backup", "--group-mapping-file", "1:4")]
    [TestCase("rdiffsharp", "--preserve-numerical-ids --user-mapping-file", "65534:65534")]
    public void Owners_of_the_regressed_mirror_are_what_rdiff_backup_sets(string writer, string options, string expected)
    {
        Programs.RequireRoot();
        string src = Path.Combine(_root, "src");
        Directory.CreateDirectory(src);
        File.WriteAllText(Path.Combine(src, "same"), "same\n");
        File.WriteAllText(Path.Combine(src, "changed"), "old\n");
        Directory.CreateDirectory(Path.Combine(src, "dir"));
        File.CreateSymbolicLink(Path.Combine(src, "link"), "same");
        Programs.Succeed(_root, "chown", "-hR", "nobody:nogroup", src);
        Interrupted(writer, src, () =>
        {
            File.WriteAllText(Path.Combine(src, "changed"), "new, longer\n");
            File.WriteAllText(Path.Combine(src, "added"), "added\n");
            Programs.Succeed(_root, "chown", "nobody:nogroup", Path.Combine(src, "added"));
        });
        foreach (string file in Directory.GetFiles(Path.Combine(_root, "repo", "rdiff-backup-data"), "mirror_metadata.*"))
        {
            Rewrite(file, s => s.Replace("Uname nobody", "Uname daemon", StringComparison.Ordinal).Replace("Gname nogroup", "Gname daemon", StringComparison.Ordinal));
        }
        File.WriteAllText(Path.Combine(_root, "users.map"), "daemon:bin\n");
        File.WriteAllText(Path.Combine(_root, "groups.map"), "daemon:adm\n");
        string[] arguments = [.. options.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(o => o switch { "--user-mapping-file" => [o, "users.map"], "--group-mapping-file" => [o, "groups.map"], _ => new[] { o } })];

        (Programs.Result ours, Programs.Result theirs) = RegressBoth(arguments);

        Assert.That(ours.Code, Is.EqualTo(theirs.Code).And.EqualTo(2), ours.Error);
        Assert.That(Owners("ours"), Is.EqualTo(Owners("theirs")));
        Assert.That(Owners("ours"), Does.Contain($"same {expected}").And.Contain($"changed {expected}"));
        Assert.That(Bookkeeping("ours"), Is.EqualTo(Bookkeeping("theirs")));
        Assert.That(TreeListing.Of(Path.Combine(_root, "ours")), Is.EqualTo(TreeListing.Of(Path.Combine(_root, "theirs"))));
    }

    [TestCase("rdiffsharp")]
    [TestCase("rdiff-backup")]
    public void Duplicate_metadata_times_stop_regress_unless_allowed(string writer)
    {
        string src = Path.Combine(_root, "src");
        Directory.CreateDirectory(src);
        File.WriteAllText(Path.Combine(src, "f"), "v0\n");
        Programs.Succeed(_root, Tool(writer), "--current-time", $"{T0 - 1000}", "backup", src, "repo");
        Interrupted(writer, src, () => File.WriteAllText(Path.Combine(src, "f"), "v2, longer\n"), before: () => File.WriteAllText(Path.Combine(src, "f"), "v1 \n"));
        // A snapshot beside the diff of the oldest session, as a crash while writing the diff leaves them.
        string diff = Directory.GetFiles(Path.Combine(_root, "repo", "rdiff-backup-data"), "mirror_metadata.2023-11-14T21*.diff.gz").Single();
        File.Copy(diff, diff.Replace(".diff.gz", ".snapshot.gz", StringComparison.Ordinal));
        List<string> before = Bookkeeping("repo");

        (Programs.Result ours, Programs.Result theirs) = RegressBoth([]);
        Assert.That(ours.Code, Is.EqualTo(theirs.Code).And.EqualTo(1), ours.Error);
        Assert.That(ours.Error, Does.Contain("has a duplicate timestamp date").And.Contain("--allow-duplicate-timestamps"));
        Assert.That(Named(ours.Error), Is.EqualTo(Named(theirs.Error)), theirs.Error);
        Assert.That(Bookkeeping("ours"), Is.EqualTo(before), "nothing was changed");

        Programs.Succeed(_root, "rm", "-rf", "ours", "theirs");
        (ours, theirs) = RegressBoth(["--allow-duplicate-timestamps"]);
        Assert.That(ours.Code, Is.EqualTo(theirs.Code).And.EqualTo(2), ours.Error);
        Assert.That(ours.Error, Does.Contain("Assuming you're in the process of cleaning up your repository"));
        Assert.That(Named(ours.Error), Is.EqualTo(Named(theirs.Error)), theirs.Error);
        Assert.That(Bookkeeping("ours"), Is.EqualTo(Bookkeeping("theirs")));
        Assert.That(TreeListing.Of(Path.Combine(_root, "ours")), Is.EqualTo(TreeListing.Of(Path.Combine(_root, "theirs"))));
        Assert.That(File.ReadAllText(Path.Combine(_root, "ours", "f")), Is.EqualTo("v1 \n"));
    }

    [TestCase("rdiffsharp", "--no-compression")]
    [TestCase("rdiff-backup", "--compression")]
    [TestCase("rdiffsharp", "--not-compressed-regexp=.*\\.txt$")]
    [TestCase("rdiff-backup", "--no-compression-regexp=x")]
    public void Compression_options_are_accepted_and_change_nothing(string writer, string option)
    {
        string src = Path.Combine(_root, "src");
        Directory.CreateDirectory(src);
        File.WriteAllText(Path.Combine(src, "a.txt"), "a\n");
        Programs.Succeed(_root, Tool(writer), "--current-time", $"{T0 - 1000}", "backup", src, "repo");
        Interrupted(writer, src, () => File.WriteAllText(Path.Combine(src, "a.txt"), "a2, longer\n"), before: () => File.WriteAllText(Path.Combine(src, "a.txt"), "a1\n"));

        (Programs.Result ours, Programs.Result theirs) = RegressBoth([option]);
        Assert.That(ours.Code, Is.EqualTo(theirs.Code).And.EqualTo(2), ours.Error);
        Assert.That(Bookkeeping("ours"), Is.EqualTo(Bookkeeping("theirs")));
        Assert.That(Bookkeeping("ours"), Has.Some.Match(@"^mirror_metadata\.2023-11-14T22:13:20Z\.snapshot\.gz f$"), "the rebuilt snapshot");
        Assert.That(TreeListing.Of(Path.Combine(_root, "ours")), Is.EqualTo(TreeListing.Of(Path.Combine(_root, "theirs"))));
    }

    /// <summary>
    /// Under API 201 a backup with --no-compression writes plain metadata diffs; the snapshot a
    /// regress rebuilds from them is gzipped and named .snapshot.gz as rdiff-backup names it, also
    /// with --no-compression (with which rdiff-backup 2.2.2 writes plain text under the .gz name
    /// and then fails on it).
    /// </summary>
    [Test]
    public void Under_api_201_no_compression_the_rebuilt_snapshot_is_still_a_gzip_file()
    {
        string src = Path.Combine(_root, "src");
        Directory.CreateDirectory(src);
        File.WriteAllText(Path.Combine(src, "a"), "a\n");
        Programs.Succeed(_root, "rdiff-backup", "--api-version", "201", "--current-time", $"{T0 - 1000}", "backup", "--no-compression", src, "repo");
        File.WriteAllText(Path.Combine(src, "a"), "a1\n");
        Programs.Succeed(_root, "rdiff-backup", "--api-version", "201", "--current-time", $"{T0}", "backup", "--no-compression", src, "repo");
        string marker = Directory.GetFiles(Path.Combine(_root, "repo", "rdiff-backup-data"), "current_mirror.*").Single();
        byte[] saved = File.ReadAllBytes(marker);
        File.WriteAllText(Path.Combine(src, "a"), "a2, longer\n");
        Programs.Succeed(_root, "rdiff-backup", "--api-version", "201", "--current-time", $"{T0 + 1000}", "backup", "--no-compression", src, "repo");
        File.WriteAllBytes(marker, saved);
        Assert.That(Bookkeeping("repo"), Has.Some.Match(@"^mirror_metadata\.2023-11-14T22:13:20Z\.diff f$"), "a plain diff to rebuild from");

        Programs.Succeed(_root, "cp", "-a", "repo", "ours");
        Programs.Succeed(_root, "cp", "-a", "repo", "theirs");
        Assert.That(Programs.Run(_root, Programs.Rdiffsharp, "--api-version", "201", "regress", "--no-compression", "ours").Code, Is.EqualTo(2));
        Assert.That(Programs.Run(_root, "rdiff-backup", "--api-version", "201", "regress", "theirs").Code, Is.EqualTo(2));

        Assert.That(Bookkeeping("ours"), Is.EqualTo(Bookkeeping("theirs")));
        string snapshot = Path.Combine(_root, "ours", "rdiff-backup-data", "mirror_metadata.2023-11-14T22:13:20Z.snapshot.gz");
        Assert.That(Programs.Lines(snapshot), Does.Contain("File a"), "a gzip file");
        Assert.That(Programs.Succeed(_root, "rdiff-backup", "list", "files", "ours").Output, Is.EqualTo(".\na\n"));
    }

    [Test]
    public void A_not_compressed_regexp_that_does_not_compile_stops_regress_before_anything_changes()
    {
        string src = Path.Combine(_root, "src");
        Directory.CreateDirectory(src);
        File.WriteAllText(Path.Combine(src, "a"), "a\n");
        Interrupted("rdiffsharp", src, () => File.WriteAllText(Path.Combine(src, "a"), "b, longer\n"));
        List<string> before = Bookkeeping("repo");

        (Programs.Result ours, Programs.Result theirs) = RegressBoth(["--not-compressed-regexp", "("]);
        Assert.That(ours.Code, Is.EqualTo(theirs.Code).And.EqualTo(1), theirs.Error);
        Assert.That(ours.Error, Does.Contain("No compression regular expression '(' doesn't compile"));
        Assert.That(Bookkeeping("ours"), Is.EqualTo(before));
    }

    private static string Tool(string writer) => writer == "rdiffsharp" ? Programs.Rdiffsharp : "rdiff-backup";

    /// <summary>
    /// Backs up at T0, changes the source, backs up at T0+1000, then puts the T0 marker back: a
    /// backup killed just before its last step. <paramref name="before"/> runs before the T0 backup.
    /// </summary>
    private void Interrupted(string writer, string src, Action change, Action? before = null)
    {
        before?.Invoke();
        Programs.Succeed(_root, Tool(writer), "--current-time", $"{T0}", "backup", src, "repo");
        string marker = Directory.GetFiles(Path.Combine(_root, "repo", "rdiff-backup-data"), "current_mirror.*").Single();
        byte[] saved = File.ReadAllBytes(marker);
        change();
        Programs.Succeed(_root, Tool(writer), "--current-time", $"{T0 + 1000}", "backup", src, "repo");
        File.WriteAllBytes(marker, saved);
    }

    private (Programs.Result Ours, Programs.Result Theirs) RegressBoth(string[] options)
    {
        Programs.Succeed(_root, "cp", "-a", "repo", "ours");
        Programs.Succeed(_root, "cp", "-a", "repo", "theirs");
        return (Programs.Run(_root, Programs.Rdiffsharp, ["regress", .. options, "ours"]), Programs.Run(_root, "rdiff-backup", ["regress", .. options, "theirs"]));
    }

    private static void Rewrite(string file, Func<string, string> change)
    {
        string text = string.Join('\n', Programs.Lines(file)) + "\n";
        using Stream raw = File.Create(file);
        using Stream data = file.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(raw, CompressionLevel.Optimal) : raw;
        data.Write(Encoding.UTF8.GetBytes(change(text)));
    }

    /// <summary>"path uid:gid" for every entry of the mirror, symlinks included.</summary>
    private List<string> Owners(string repository)
    {
        string root = Path.Combine(_root, repository);
        string listing = Programs.Succeed(root, "find", ".", "-path", "./rdiff-backup-data", "-prune", "-o", "-printf", "%P %U:%G\n").Output;
        return [.. listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
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
