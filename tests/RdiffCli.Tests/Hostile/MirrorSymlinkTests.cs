using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.Hostile;

/// <summary>
/// A directory of the mirror replaced by a symlink to a directory outside the repository (a shared
/// or tampered backup disk): a backup replaces the link and never writes through it; a restore never
/// reads through it.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class MirrorSymlinkTests
{
    [Test]
    public void A_backup_replaces_a_symlinked_mirror_directory_and_leaves_its_target_alone()
    {
        using var temp = new ScratchTree();
        temp.File("src/d/f1", "one");
        temp.File("src/d/f2", "two");
        temp.File("src/e/g", "gee");
        Programs.Succeed(temp.Root, Programs.Rdiffsharp, "--current-time", "10000", "src", "repo");
        temp.File("outside/f1", "outside one");
        temp.File("outside/victim", "keep me");
        string before = temp.Snapshot("outside");
        Directory.Delete(temp.Path("repo/d"), recursive: true);
        File.CreateSymbolicLink(temp.Path("repo/d"), temp.Path("outside"));
        temp.File("src/d/f1", "one, changed");
        temp.File("src/d/new", "new");

        Programs.Result backup = Programs.Run(temp.Root, Programs.Rdiffsharp, "--current-time", "20000", "src", "repo");

        Assert.That(backup.Code, Is.AnyOf(0, ExitCodes.FileErrors), backup.Error);
        Assert.That(backup.Error, Does.Not.Contain("   at "));
        Assert.That(temp.Snapshot("outside"), Is.EqualTo(before), "nothing outside the repository changed");
        Assert.That(new FileInfo(temp.Path("repo/d")).LinkTarget, Is.Null, "the link was replaced by a directory");
        Programs.Succeed(temp.Root, Programs.Rdiffsharp, "-r", "now", "repo", "restored");
        Assert.That(temp.Snapshot("restored"), Is.EqualTo(temp.Snapshot("src")));
        Programs.Succeed(temp.Root, "rdiff-backup", "verify", "repo");

        temp.File("src/d/f2", "two, changed");
        Programs.Result next = Programs.Run(temp.Root, Programs.Rdiffsharp, "--current-time", "30000", "src", "repo");
        Assert.That(next.Code, Is.Zero, $"the next backup is clean again: {next.Error}");
    }

    [Test]
    public void A_restore_does_not_read_through_a_symlinked_mirror_directory()
    {
        using var temp = new ScratchTree();
        temp.File("src/d/f1", "one");
        temp.File("src/e/g", "gee");
        Programs.Succeed(temp.Root, Programs.Rdiffsharp, "--current-time", "10000", "src", "repo");
        temp.File("outside/f1", "a secret from outside the repository");
        Directory.Delete(temp.Path("repo/d"), recursive: true);
        File.CreateSymbolicLink(temp.Path("repo/d"), temp.Path("outside"));

        Programs.Result restore = Programs.Run(temp.Root, Programs.Rdiffsharp, "-r", "now", "repo", "restored");

        Assert.That(restore.Code, Is.Not.Zero, "a damaged repository is not restored silently");
        Assert.That(restore.Error, Does.Contain("d/f1").And.Not.Contain("   at "));
        string restored = temp.Path("restored/d/f1");
        Assert.That(File.Exists(restored) ? File.ReadAllText(restored) : "", Does.Not.Contain("secret"));
        Assert.That(File.ReadAllText(temp.Path("restored/e/g")), Is.EqualTo("gee"), "the rest is restored");
    }
}
