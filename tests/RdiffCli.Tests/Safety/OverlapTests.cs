using RdiffCli.Tests.History;
using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.Safety;

/// <summary>
/// A source, destination or restore target that overlaps the other path is refused before anything
/// is written, with one line naming both paths: restoring a repository onto itself emptied it, and
/// a backup into a directory inside its own source deleted that directory's files, backed up
/// nowhere. rdiff-backup 2.2.2 loses data in the same cases (it removes rdiff-backup-data on a
/// restore onto the repository, deletes the source under --force when it lies in the destination,
/// and recurses into a destination inside its source); we refuse. A new, empty or repository
/// destination inside the source stays allowed and is left out of the walk.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class OverlapTests
{
    private string _root = "";

    [SetUp]
    public void CreateRoot()
    {
        _root = Directory.CreateTempSubdirectory("rdiffsharp-overlap-").FullName;
        Directory.CreateDirectory(Path.Combine(_root, "src", "a"));
        Directory.CreateDirectory(Path.Combine(_root, "src", "b"));
        File.WriteAllText(Path.Combine(_root, "src", "a", "f"), "only copy of f");
        File.WriteAllText(Path.Combine(_root, "src", "b", "g"), "only copy of g");
    }

    [TearDown]
    public void RemoveRoot()
    {
        Programs.Run(_root, "umount", Path.Combine(_root, "bind"));
        Directory.Delete(_root, recursive: true);
    }

    [TestCase("repo", "is the repository")]
    [TestCase("repo/a", "lies inside the repository")]
    [TestCase("repo/new", "lies inside the repository")]
    [TestCase("repo/rdiff-backup-data", "lies inside the repository")]
    [TestCase(".", "contains the repository")]
    [TestCase("link", "is the repository")]
    [TestCase("link/a/deeper", "lies inside the repository")]
    public void A_restore_into_or_over_the_repository_is_refused(string target, string words)
    {
        Programs.Succeed(_root, Programs.Rdiffsharp, "backup", "src", "repo");
        File.CreateSymbolicLink(Path.Combine(_root, "link"), "repo");
        List<string> before = Bookkeeping("repo");

        Programs.Result run = Programs.Run(_root, Programs.Rdiffsharp, "--force", "restore", "--at", "now", "repo", target);

        AssertRefused(run, words, Path.Combine(_root, "repo"));
        Assert.That(Bookkeeping("repo"), Is.EqualTo(before), "the repository is untouched");
        AssertRestoresSource();
    }

    [Test]
    public void A_restore_into_a_bind_mount_of_the_repository_is_refused()
    {
        Programs.RequireRoot();
        Programs.Succeed(_root, Programs.Rdiffsharp, "backup", "src", "repo");
        Directory.CreateDirectory(Path.Combine(_root, "bind"));
        Programs.Succeed(_root, "mount", "--bind", "repo", "bind");
        List<string> before = Bookkeeping("repo");

        Programs.Result run = Programs.Run(_root, Programs.Rdiffsharp, "--force", "restore", "--at", "now", "repo", "bind/a");

        AssertRefused(run, "lies inside the repository", Path.Combine(_root, "repo"));
        Assert.That(Bookkeeping("repo"), Is.EqualTo(before));
        AssertRestoresSource();
    }

    [Test]
    public void A_backup_into_a_non_empty_directory_inside_the_source_is_refused()
    {
        List<string> before = TreeListing.Of(Path.Combine(_root, "src"));

        Programs.Result run = Programs.Run(Path.Combine(_root, "src", "a"), Programs.Rdiffsharp, "backup", "--force", "..", ".");

        AssertRefused(run, "lies inside the source", Path.Combine(_root, "src"));
        Assert.That(TreeListing.Of(Path.Combine(_root, "src")), Is.EqualTo(before), "the source is untouched");
        Assert.That(Directory.Exists(Path.Combine(_root, "src", "a", "rdiff-backup-data")), Is.False);
    }

    [TestCase("src/a", "src", "lies inside the destination")]
    [TestCase("src", "src", "is the destination")]
    [TestCase("src", "link", "is the destination")]
    [TestCase("link/a", "src", "lies inside the destination")]
    public void A_backup_whose_source_is_in_the_destination_is_refused(string source, string destination, string words)
    {
        File.CreateSymbolicLink(Path.Combine(_root, "link"), "src");
        List<string> before = TreeListing.Of(Path.Combine(_root, "src"));

        Programs.Result run = Programs.Run(_root, Programs.Rdiffsharp, "backup", "--force", source, destination);

        AssertRefused(run, words, Path.Combine(_root, "src"));
        Assert.That(TreeListing.Of(Path.Combine(_root, "src")), Is.EqualTo(before), "the source is untouched");
        Assert.That(Directory.Exists(Path.Combine(_root, "src", "rdiff-backup-data")), Is.False);
    }

    [Test]
    public void A_backup_into_a_bind_mount_of_its_source_is_refused()
    {
        Programs.RequireRoot();
        Directory.CreateDirectory(Path.Combine(_root, "bind"));
        Programs.Succeed(_root, "mount", "--bind", "src", "bind");
        List<string> before = TreeListing.Of(Path.Combine(_root, "src"));

        Programs.Result run = Programs.Run(_root, Programs.Rdiffsharp, "backup", "--force", "src", "bind");

        AssertRefused(run, "is the destination", Path.Combine(_root, "bind"));
        Assert.That(TreeListing.Of(Path.Combine(_root, "src")), Is.EqualTo(before), "the source is untouched");
    }

    [TestCase("src/repo")]
    [TestCase("link/repo")]
    [TestCase("src/empty")]
    public void A_new_or_empty_destination_inside_the_source_is_backed_up_around(string destination)
    {
        File.CreateSymbolicLink(Path.Combine(_root, "link"), "src");
        Directory.CreateDirectory(Path.Combine(_root, "src", "empty"));
        string repository = Path.Combine(_root, "src", Path.GetFileName(destination));

        Programs.Succeed(_root, Programs.Rdiffsharp, "backup", "--current-time", "1700000000", "src", destination);
        File.AppendAllText(Path.Combine(_root, "src", "a", "f"), ", changed");
        // A repository inside the source is one again for the second backup.
        Programs.Succeed(_root, Programs.Rdiffsharp, "backup", "--current-time", "1700001000", "src", destination);

        string files = Programs.Succeed(_root, Programs.Rdiffsharp, "list", "files", repository).Output;
        Assert.That(files, Does.Not.Contain(Path.GetFileName(destination)), "the repository does not back itself up");
        Programs.Succeed(_root, Programs.Rdiffsharp, "restore", "--at", "now", repository, "out");
        List<string> expected = TreeListing.Of(Path.Combine(_root, "src")).FindAll(l => !l.StartsWith(Path.GetFileName(destination), StringComparison.Ordinal));
        Assert.That(TreeListing.Of(Path.Combine(_root, "out")), Is.EqualTo(expected));
    }

    private static void AssertRefused(Programs.Result run, string words, string otherPath)
    {
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.EqualTo(ExitCodes.Fatal), run.Error);
            Assert.That(run.Error.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), run.Error);
            Assert.That(run.Error, Does.StartWith("rdiffsharp: ").And.Contain(words).And.Contain($"'{otherPath}'"));
            Assert.That(run.Error, Does.Not.Contain("   at "));
        });
    }

    private void AssertRestoresSource()
    {
        string target = Path.Combine(_root, "restored");
        Programs.Succeed(_root, Programs.Rdiffsharp, "restore", "--at", "now", "repo", target);
        Assert.That(TreeListing.Of(target), Is.EqualTo(TreeListing.Of(Path.Combine(_root, "src"))));
    }

    /// <summary>Everything in the repository, rdiff-backup-data included, with contents.</summary>
    private List<string> Bookkeeping(string repository)
    {
        string full = Path.Combine(_root, repository);
        return [.. TreeListing.Names(full), .. TreeListing.Of(full), .. TreeListing.Of(Path.Combine(full, "rdiff-backup-data"))];
    }
}
