using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.Hostile;

/// <summary>
/// rdiff-backup-data, its increments directory, or one of its session files replaced by a symlink
/// to somewhere outside the repository: no action writes, reads or locks through the link.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DataDirectorySymlinkTests
{
    [Test]
    public void A_symlinked_rdiff_backup_data_is_refused_by_every_action_and_its_target_is_untouched()
    {
        using var temp = Backed();
        Directory.Move(temp.Path("repo/rdiff-backup-data"), temp.Path("outside"));
        File.CreateSymbolicLink(temp.Path("repo/rdiff-backup-data"), temp.Path("outside"));
        string before = temp.Snapshot("outside");
        temp.File("src/f", "changed");

        string[][] actions =
        [
            ["--current-time", "20000", "backup", "src", "repo"],
            ["--api-version", "201", "--current-time", "30000", "backup", "src", "repo"],
            ["restore", "--at", "now", "repo", "restored"],
            ["regress", "repo"],
            ["remove", "increments", "--older-than", "1s", "repo"],
            ["list", "increments", "repo"],
            ["verify", "repo"],
            ["status", "repo"],
        ];
        foreach (string[] action in actions)
        {
            Programs.Result result = Programs.Run(temp.Root, Programs.Rdiffsharp, action);

            Assert.That(result.Code, Is.Not.Zero, string.Join(' ', action));
            Assert.That(result.Error, Does.Not.Contain("   at "), string.Join(' ', action));
        }
        Assert.That(temp.Snapshot("outside"), Is.EqualTo(before), "nothing was written through the link");
        Assert.That(Directory.Exists(temp.Path("restored")), Is.False);
    }

    [Test]
    public void A_backup_names_a_symlinked_rdiff_backup_data_as_damage()
    {
        using var temp = Backed();
        Directory.Move(temp.Path("repo/rdiff-backup-data"), temp.Path("outside"));
        File.CreateSymbolicLink(temp.Path("repo/rdiff-backup-data"), temp.Path("outside"));

        Programs.Result result = Programs.Run(temp.Root, Programs.Rdiffsharp, "--current-time", "20000", "src", "repo");

        TwoBackupRepository.AssertOneLine(result, ExitCodes.Fatal);
        Assert.That(result.Error, Does.Contain("rdiff-backup-data' is a symlink, not a directory"));
    }

    [Test]
    public void A_symlinked_increments_directory_is_refused_before_anything_is_written()
    {
        using var temp = Backed();
        Directory.Move(temp.Path("repo/rdiff-backup-data/increments"), temp.Path("outside"));
        File.CreateSymbolicLink(temp.Path("repo/rdiff-backup-data/increments"), temp.Path("outside"));
        string before = temp.Snapshot("outside");
        string[] data = Directory.GetFileSystemEntries(temp.Path("repo/rdiff-backup-data"));
        temp.File("src/f", "changed");

        Programs.Result result = Programs.Run(temp.Root, Programs.Rdiffsharp, "--current-time", "20000", "src", "repo");

        TwoBackupRepository.AssertOneLine(result, ExitCodes.Fatal);
        Assert.That(result.Error, Does.Contain("increments' is a symlink, not a directory"));
        Assert.That(temp.Snapshot("outside"), Is.EqualTo(before));
        Assert.That(Directory.GetFileSystemEntries(temp.Path("repo/rdiff-backup-data")), Is.EquivalentTo(data), "no session was started");
    }

    [TestCase("backup.log")]
    [TestCase("lock.yml")]
    [TestCase("chars_to_quote")]
    public void A_symlinked_session_file_is_never_written_through(string name)
    {
        using var temp = Backed();
        temp.File("outside/victim", "keep me");
        string link = temp.Path($"repo/rdiff-backup-data/{name}");
        File.Delete(link);
        File.CreateSymbolicLink(link, temp.Path("outside/victim"));
        temp.File("src/f", "changed");

        Programs.Result result = Programs.Run(temp.Root, Programs.Rdiffsharp, "--api-version", "201", "--current-time", "20000", "src", "repo");

        Assert.That(result.Error, Does.Not.Contain("   at "));
        Assert.That(File.ReadAllText(temp.Path("outside/victim")), Is.EqualTo("keep me"));
        Assert.That(new FileInfo(link).LinkTarget, Is.Not.Null, "the link itself is left for the user to look at");
        if (name == "backup.log")
        {
            Assert.That(result.Code, Is.Zero, $"the log is best effort: {result.Error}");
        }
        else
        {
            Assert.That(result.Code, Is.EqualTo(ExitCodes.Fatal), result.Error);
            Assert.That(result.Error, Does.Contain(name));
        }
    }

    private static ScratchTree Backed()
    {
        var temp = new ScratchTree();
        temp.File("src/f", "one");
        temp.File("src/d/g", "gee");
        Programs.Succeed(temp.Root, Programs.Rdiffsharp, "--api-version", "201", "--current-time", "10000", "src", "repo");
        return temp;
    }
}
