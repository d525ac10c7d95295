using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.Hostile;

/// <summary>
/// A file whose data the repository lost (its mirror copy deleted, or an increment replaced by a
/// .missing marker): a restore names it, exits 4, restores everything else and leaves no empty or
/// partial file in its place (rdiff-backup writes an empty file and exits 0: a listed difference).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LostDataRestoreTests
{
    [Test]
    public void A_file_missing_from_the_mirror_is_named_and_left_out()
    {
        using var temp = new ScratchTree();
        temp.File("src/f", "eff");
        temp.File("src/g", "gee");
        Programs.Succeed(temp.Root, Programs.Rdiffsharp, "--current-time", "10000", "src", "repo");
        File.Delete(temp.Path("repo/f"));

        Programs.Result restore = Programs.Run(temp.Root, Programs.Rdiffsharp, "restore", "--at", "now", "repo", "out");

        Assert.That(restore.Code, Is.EqualTo(ExitCodes.FileErrors), restore.Error);
        Assert.That(restore.Error, Does.Contain("'f'").And.Not.Contain("   at "));
        Assert.That(File.Exists(temp.Path("out/f")), Is.False, "no empty file passes for the restored one");
        Assert.That(File.ReadAllText(temp.Path("out/g")), Is.EqualTo("gee"));
    }

    [Test]
    public void A_file_whose_increment_says_missing_is_named_and_left_out()
    {
        using var temp = new ScratchTree();
        temp.File("src/f", "eff");
        temp.File("src/g", "gee");
        Programs.Succeed(temp.Root, Programs.Rdiffsharp, "--current-time", "10000", "src", "repo");
        File.Delete(temp.Path("src/f"));
        Programs.Succeed(temp.Root, Programs.Rdiffsharp, "--current-time", "20000", "src", "repo");
        string increments = temp.Path("repo/rdiff-backup-data/increments");
        string snapshot = Directory.GetFiles(increments, "f.*.snapshot.gz").Single();
        File.Delete(snapshot);
        File.WriteAllBytes(snapshot.Replace(".snapshot.gz", ".missing", StringComparison.Ordinal), []);

        Programs.Result restore = Programs.Run(temp.Root, Programs.Rdiffsharp, "restore", "--at", "10000", "repo", "out");

        Assert.That(restore.Code, Is.EqualTo(ExitCodes.FileErrors), restore.Error);
        Assert.That(restore.Error, Does.Contain("'f'").And.Contain("not in the repository"));
        Assert.That(File.Exists(temp.Path("out/f")), Is.False);
        Assert.That(File.ReadAllText(temp.Path("out/g")), Is.EqualTo("gee"));
    }
}
