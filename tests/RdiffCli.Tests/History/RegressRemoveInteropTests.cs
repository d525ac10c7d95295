using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.History;

/// <summary>
/// On repositories written by each tool, `remove increments` and `regress` by rdiffsharp leave the
/// same repository (names in rdiff-backup-data, the mirror, the restores) as rdiff-backup 2.2.2 does.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RegressRemoveInteropTests
{
    private const long T0 = 1_700_000_000;

    private string _root = "";

    [SetUp]
    public void Create() => _root = Directory.CreateTempSubdirectory("rdiffsharp-regress-interop-").FullName;

    [TearDown]
    public void Delete() => Directory.Delete(_root, recursive: true);

    [TestCase("rdiffsharp")]
    [TestCase("rdiff-backup")]
    public void Remove_older_than_leaves_what_rdiff_backup_leaves(string writer)
    {
        List<List<string>> versions = Sessions(writer, "repo", 4);
        Copy("repo", "ours");
        Copy("repo", "theirs");

        Programs.Result refused = Programs.Run(_root, Programs.Rdiffsharp, "remove", "increments", "--older-than", $"{T0 + 2500}", "ours");
        Assert.That(refused.Code, Is.EqualTo(1), "more than one session needs --force");
        Assert.That(refused.Error, Does.Contain("Found 3 relevant increments").And.Contain("use the --force option"));
        Assert.That(Programs.Run(_root, "rdiff-backup", "remove", "increments", "--older-than", $"{T0 + 2500}", "theirs").Code, Is.EqualTo(1));

        Programs.Succeed(_root, Programs.Rdiffsharp, "--remove-older-than", $"{T0 + 500}", "ours");
        Programs.Succeed(_root, "rdiff-backup", "remove", "increments", "--older-than", $"{T0 + 500}", "theirs");
        Assert.That(Bookkeeping("ours"), Is.EqualTo(Bookkeeping("theirs")));
        Programs.Succeed(_root, Programs.Rdiffsharp, "--force", "remove", "increments", "--older-than", "1B", "ours");
        Programs.Succeed(_root, "rdiff-backup", "--force", "remove", "increments", "--older-than", "1B", "theirs");
        Assert.That(Bookkeeping("ours"), Is.EqualTo(Bookkeeping("theirs")));
        Assert.That(Restore("ours", T0 + 2000), Is.EqualTo(versions[2]), "the sessions kept restore");
        Assert.That(Restore("ours", T0 + 3000), Is.EqualTo(versions[3]));

        Programs.Result none = Programs.Run(_root, Programs.Rdiffsharp, "remove", "increments", "--older-than", $"{T0}", "ours");
        Assert.That(none.Code, Is.EqualTo(2), "nothing older: a warning");
        Assert.That(none.Error, Does.Contain($"No increment is older than '{T0}'"));
    }

    [TestCase("rdiffsharp")]
    [TestCase("rdiff-backup")]
    public void Regress_of_an_interrupted_repository_matches_rdiff_backup(string writer)
    {
        List<List<string>> versions = Sessions(writer, "repo", 2);
        // Interrupted just before the old marker went: every file of the last session is written.
        string marker = Directory.GetFiles(Path.Combine(_root, "first-marker")).Single();
        Copy("repo", "ours");
        Copy("repo", "theirs");
        foreach (string repository in new[] { "ours", "theirs" })
        {
            File.Copy(marker, Path.Combine(_root, repository, "rdiff-backup-data", Path.GetFileName(marker)));
        }

        Programs.Result ours = Programs.Run(_root, Programs.Rdiffsharp, "--check-destination-dir", "ours");
        Programs.Result theirs = Programs.Run(_root, "rdiff-backup", "regress", "theirs");
        Assert.That(ours.Code, Is.EqualTo(theirs.Code), ours.Error);
        Assert.That(Bookkeeping("ours"), Is.EqualTo(Bookkeeping("theirs")));
        Assert.That(TreeListing.Of(Path.Combine(_root, "ours")), Is.EqualTo(versions[0]));
        Assert.That(TreeListing.Of(Path.Combine(_root, "theirs")), Is.EqualTo(versions[0]));
    }

    [TestCase("rdiffsharp")]
    [TestCase("rdiff-backup")]
    public void Forced_regress_of_a_good_repository_matches_rdiff_backup(string writer)
    {
        List<List<string>> versions = Sessions(writer, "repo", 3);
        Copy("repo", "ours");
        Copy("repo", "theirs");
        Programs.Result ours = Programs.Run(_root, Programs.Rdiffsharp, "--api-version", "201", "--force", "regress", "ours");
        Programs.Result theirs = Programs.Run(_root, "rdiff-backup", "--api-version", "201", "--force", "regress", "theirs");
        Assert.That(ours.Code, Is.EqualTo(theirs.Code), ours.Error);
        Assert.That(Bookkeeping("ours"), Is.EqualTo(Bookkeeping("theirs")));
        Assert.That(TreeListing.Of(Path.Combine(_root, "ours")), Is.EqualTo(versions[1]));
        Assert.That(Restore("ours", T0), Is.EqualTo(versions[0]));

        Assert.That(Programs.Run(_root, Programs.Rdiffsharp, "--force", "regress", "repo").Code, Is.Zero, "API 200: a good repository needs no regress");
        Assert.That(TreeListing.Of(Path.Combine(_root, "repo")), Is.EqualTo(versions[2]));
    }

    private List<List<string>> Sessions(string writer, string repository, int count)
    {
        string tool = writer == "rdiffsharp" ? Programs.Rdiffsharp : "rdiff-backup";
        string src = Path.Combine(_root, "src");
        var versions = new List<List<string>>();
        for (int v = 0; v < count; v++)
        {
            CrashTree.Apply(src, v);
            versions.Add(TreeListing.Of(src));
            Programs.Succeed(_root, tool, "--current-time", $"{T0 + (v * 1000)}", "backup", src, repository);
            if (v == 0)
            {
                Directory.CreateDirectory(Path.Combine(_root, "first-marker"));
                string marker = Directory.GetFiles(Path.Combine(_root, repository, "rdiff-backup-data"), "current_mirror.*").Single();
                File.Copy(marker, Path.Combine(_root, "first-marker", Path.GetFileName(marker)));
            }
        }
        return versions;
    }

    private void Copy(string from, string to) => Programs.Succeed(_root, "cp", "-a", from, to);

    /// <summary>The names in rdiff-backup-data, the human logs aside.</summary>
    private List<string> Bookkeeping(string repository) =>
        [.. TreeListing.Names(Path.Combine(_root, repository, "rdiff-backup-data")).Where(n => !n.StartsWith("backup.log", StringComparison.Ordinal))];

    private List<string> Restore(string repository, long time)
    {
        string target = Path.Combine(_root, $"restored-{time}");
        Programs.Succeed(_root, Programs.Rdiffsharp, "restore", "--at", $"{time}", repository, target);
        return TreeListing.Of(target);
    }
}
