using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.History;

/// <summary>
/// Regress on repositories that quote names (--chars-to-quote 'A-Z:') and that hold names too long
/// for an increment's name (255 bytes) or, once quoted, for the mirror itself (long_filename_data):
/// an interrupted backup created, changed and deleted such files; rdiffsharp and rdiff-backup 2.2.2
/// regress copies of it, for repositories written by each tool, and must leave the same repository
/// (the names in rdiff-backup-data, the mirror, `list increments` and the restores of every session).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RegressNameTests
{
    private const long T0 = 1_700_000_000;

    private static readonly string Long = new('a', 255);
    private static readonly string LongDeleted = new('c', 250);
    private static readonly string LongQuoted = new('B', 100);
    private static readonly string LongQuotedNew = "New" + new string('N', 117);
    private static readonly string LongColons = string.Concat(Enumerable.Repeat("x:", 70));

    private string _root = "";

    [SetUp]
    public void Create() => _root = Directory.CreateTempSubdirectory("rdiffsharp-regress-names-").FullName;

    [TearDown]
    public void Delete() => Directory.Delete(_root, recursive: true);

    [TestCase("rdiffsharp", "A-Z:")]
    [TestCase("rdiff-backup", "A-Z:")]
    [TestCase("rdiffsharp", "")]
    [TestCase("rdiff-backup", "")]
    public void Regress_of_quoted_and_long_names_leaves_what_rdiff_backup_leaves(string writer, string charsToQuote)
    {
        List<List<string>> versions = Interrupted(writer, charsToQuote, mirrorLongNames: false);
        Programs.Succeed(_root, "cp", "-a", "repo", "theirs");

        Programs.Result ours = Programs.Run(_root, Programs.Rdiffsharp, "regress", "repo");
        Programs.Result theirs = Programs.Run(_root, "rdiff-backup", "regress", "theirs");

        Assert.That(ours.Code, Is.EqualTo(theirs.Code).And.EqualTo(2), ours.Error + theirs.Error);
        Assert.That(Bookkeeping("repo"), Is.EqualTo(Bookkeeping("theirs")));
        Assert.That(TreeListing.Of(Path.Combine(_root, "repo")), Is.EqualTo(TreeListing.Of(Path.Combine(_root, "theirs"))), "the mirrors");
        Assert.That(
            Programs.Succeed(_root, "rdiff-backup", "list", "increments", "repo").Output,
            Is.EqualTo(Programs.Succeed(_root, "rdiff-backup", "list", "increments", "theirs").Output.Replace("theirs", "repo", StringComparison.Ordinal)));
        AssertGood("repo", versions);
        AssertGood("theirs", versions);
    }

    /// <summary>
    /// Names that only quoting makes too long live in long_filename_data even in the mirror.
    /// rdiff-backup 2.2.2's regress stops on them ("Bad index order", a Python traceback, the
    /// repository half regressed); ours brings back the repository as it was before the
    /// interrupted backup, which both tools then read.
    /// </summary>
    [TestCase("rdiffsharp")]
    [TestCase("rdiff-backup")]
    public void Regress_of_mirror_files_with_long_quoted_names_brings_back_the_last_good_repository(string writer)
    {
        List<List<string>> versions = Interrupted(writer, "A-Z:", mirrorLongNames: true);
        Programs.Succeed(_root, "cp", "-a", "repo", "theirs");

        Programs.Result ours = Programs.Run(_root, Programs.Rdiffsharp, "regress", "repo");
        Programs.Result theirs = Programs.Run(_root, "rdiff-backup", "regress", "theirs");

        Assert.That(ours.Code, Is.EqualTo(2), ours.Error);
        Assert.That(theirs.Code, Is.EqualTo(1), "rdiff-backup 2.2.2 cannot regress these");
        Assert.That(theirs.Error, Does.Contain("Bad index order"));
        AssertGood("repo", versions);
    }

    /// <summary>
    /// Backs up versions 0 and 1 of the tree and keeps a copy of that repository ("good"), then
    /// backs up version 2 and puts the version-1 marker back: a backup killed just before its
    /// last step. Returns the three versions' listings.
    /// </summary>
    private List<List<string>> Interrupted(string writer, string charsToQuote, bool mirrorLongNames)
    {
        string tool = writer == "rdiffsharp" ? Programs.Rdiffsharp : "rdiff-backup";
        string[] quoting = charsToQuote.Length > 0 ? ["--chars-to-quote", charsToQuote] : [];
        string src = Path.Combine(_root, "src");
        var versions = new List<List<string>>();
        for (int v = 0; v < 3; v++)
        {
            Version(src, v, mirrorLongNames);
            versions.Add(TreeListing.Of(src));
            if (v == 2)
            {
                Programs.Succeed(_root, "cp", "-a", "repo", "good");
            }
            Programs.Succeed(_root, tool, ["--current-time", $"{T0 + ((v - 1) * 1000)}", .. quoting, "backup", src, "repo"]);
        }
        string marker = Directory.GetFiles(Path.Combine(_root, "good", "rdiff-backup-data"), "current_mirror.*").Single();
        File.Copy(marker, Path.Combine(_root, "repo", "rdiff-backup-data", Path.GetFileName(marker)));
        if (charsToQuote.Length > 0)
        {
            Assert.That(Directory.GetFileSystemEntries(Path.Combine(_root, "repo")).Select(Path.GetFileName), Has.Some.Contains(";058"), "names are quoted on disk");
        }
        Assert.That(Directory.GetFiles(Path.Combine(_root, "repo", "rdiff-backup-data", "long_filename_data")), Is.Not.Empty, "long names are stored aside");
        return versions;
    }

    /// <summary>The repository is the one before the interrupted backup: every session restores (by each tool), and the next backup works.</summary>
    private void AssertGood(string repository, List<List<string>> versions)
    {
        Assert.That(Bookkeeping(repository), Is.EqualTo(Bookkeeping("good")), "rdiff-backup-data as before the interrupted backup");
        Assert.That(TreeListing.Of(Path.Combine(_root, repository)), Is.EqualTo(TreeListing.Of(Path.Combine(_root, "good"))), "the mirror as before the interrupted backup");
        for (int v = 0; v < 2; v++)
        {
            Assert.That(Restore(Programs.Rdiffsharp, repository, v), Is.EqualTo(versions[v]), $"rdiffsharp's restore of {repository} at session {v}");
            Assert.That(Restore("rdiff-backup", repository, v), Is.EqualTo(versions[v]), $"rdiff-backup's restore of {repository} at session {v}");
        }
        Programs.Succeed(_root, Programs.Rdiffsharp, "--current-time", $"{T0 + 2000}", "backup", Path.Combine(_root, "src"), repository);
        Assert.That(Restore("rdiff-backup", repository, 3), Is.EqualTo(versions[2]), "the next backup");
    }

    /// <summary>
    /// Version 0 and 1 are good sessions; version 2 (interrupted) creates, changes and deletes
    /// quoted and long names. 255 and 250 bytes are too long for an increment's name; with
    /// <paramref name="mirrorLongNames"/>, names that quoting makes longer than 255 bytes as well.
    /// </summary>
    private static void Version(string root, int v, bool mirrorLongNames)
    {
        Directory.CreateDirectory(Path.Combine(root, "Sub:Dir"));
        Write(root, "plain", $"plain {v}\n", v);
        Write(root, "Upper:Case.txt", $"upper {v} {new string('u', v * 10)}\n", v);
        Write(root, Path.Combine("Sub:Dir", Long), $"long {v} {new string('l', v * 20)}\n", v);
        if (mirrorLongNames)
        {
            Write(root, LongQuoted, $"long quoted {v} {new string('q', v * 30)}\n", v);
            Write(root, LongColons, $"long colons {v} {new string('q', v * 30)}\n", v);
        }
        if (v < 2)
        {
            Write(root, "Deleted:File", $"deleted {v}\n", v);
            Write(root, LongDeleted, $"long deleted {v}\n", v);
        }
        else
        {
            File.Delete(Path.Combine(root, "Deleted:File"));
            File.Delete(Path.Combine(root, LongDeleted));
            Write(root, "New:File", "new\n", v);
            if (mirrorLongNames)
            {
                Write(root, LongQuotedNew, "new long quoted\n", v);
            }
        }
        File.SetLastWriteTimeUtc(Path.Combine(root, "Sub:Dir"), DateTime.UnixEpoch.AddSeconds(1_600_000_000 + v));
    }

    private static void Write(string root, string name, string text, int v)
    {
        string path = Path.Combine(root, name);
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, DateTime.UnixEpoch.AddSeconds(1_600_000_000 + (v * 100) + name.Length));
    }

    private List<string> Restore(string tool, string repository, int version)
    {
        string target = Path.Combine(_root, $"restored-{repository}-{version}-{Path.GetFileName(tool)}");
        Programs.Succeed(_root, tool, "restore", "--at", $"{T0 + ((version - 1) * 1000)}", repository, target);
        return TreeListing.Of(target);
    }

    /// <summary>The names in rdiff-backup-data (long_filename_data and increments included), the logs aside.</summary>
    private List<string> Bookkeeping(string repository) =>
        [.. TreeListing.Names(Path.Combine(_root, repository, "rdiff-backup-data"))
            .Where(n => !n.StartsWith("backup.log", StringComparison.Ordinal) && !n.StartsWith("regress.log", StringComparison.Ordinal))];
}
