using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.Hostile;

/// <summary>
/// A repository the user cannot write (another owner; a read-only mount) is read without a single
/// write: the shared lock opens lock.yml read-only, and restore goes on without restore.log.
/// </summary>
public sealed class ReadOnlyRepositoryTests
{
    [Test]
    public void Nobody_restores_lists_verifies_and_compares_a_repository_of_root()
    {
        Programs.RequireRoot();
        // API 201 writes lock.yml, which the shared lock used to open for writing.
        using var repo = new TwoBackupRepository("read-only-owner", "--api-version", "201");
        Assert.That(File.Exists(Path.Combine(repo.Data, "lock.yml")), Is.True);
        Programs.Succeed(repo.Root, "chmod", "-R", "a+rX,go-w", repo.Root);
        string output = Path.Combine(repo.Root, "out");
        Directory.CreateDirectory(output);
        Programs.Succeed(repo.Root, "chmod", "777", output);
        string[] before = repo.DataListing();

        AssertReadsWithoutWriting(repo, output, (directory, arguments) => Programs.AsNobody(directory, Programs.Rdiffsharp, arguments));

        Assert.That(repo.DataListing(), Is.EqualTo(before));
    }

    [TestCase("200")]
    [TestCase("201")]
    public void Nobody_is_told_that_a_backup_into_it_needs_write_access(string apiVersion)
    {
        Programs.RequireRoot();
        using var repo = new TwoBackupRepository("read-only-backup", "--api-version", apiVersion);
        Programs.Succeed(repo.Root, "chmod", "-R", "a+rX,go-w", repo.Root);
        string[] before = repo.DataListing();

        Programs.Result result = Programs.AsNobody(repo.Root, Programs.Rdiffsharp, "--api-version", apiVersion, "backup", repo.Source, repo.Repository);

        TwoBackupRepository.AssertOneLine(result, ExitCodes.Fatal);
        Assert.That(result.Error, Does.Contain(repo.Data).And.Contain("write access").And.Contain("owner"));
        Assert.That(repo.DataListing(), Is.EqualTo(before));
    }

    [Test]
    public void Root_restores_lists_verifies_and_compares_a_read_only_mount()
    {
        Programs.RequireRoot();
        using var repo = new TwoBackupRepository("read-only-mount", "--api-version", "201");
        string mount = Path.Combine(repo.Root, "ro");
        Directory.CreateDirectory(mount);
        Programs.Succeed(repo.Root, "mount", "--bind", repo.Repository, mount);
        try
        {
            Programs.Succeed(repo.Root, "mount", "-o", "remount,ro,bind", mount);
            string output = Path.Combine(repo.Root, "out");
            Directory.CreateDirectory(output);

            // Every path into the repository goes through the read-only mount instead.
            AssertReadsWithoutWriting(repo, output, (directory, arguments) =>
                Programs.Run(directory, Programs.Rdiffsharp, [.. arguments.Select(a => a == repo.Repository ? mount : a.StartsWith(repo.Repository + "/", StringComparison.Ordinal) ? mount + a[repo.Repository.Length..] : a)]));
        }
        finally
        {
            Programs.Run(repo.Root, "umount", mount);
        }
    }

    private static void AssertReadsWithoutWriting(TwoBackupRepository repo, string output, Func<string, string[], Programs.Result> run)
    {
        string target = Path.Combine(output, "restored");
        Programs.Result restore = run(repo.Root, ["restore", "--at", $"{TwoBackupRepository.FirstTime}", repo.Repository, target]);
        Assert.That(restore.Error, Does.Not.Contain("   at "));
        Assert.That(restore.Code, Is.EqualTo(ExitCodes.Warning), "restored with rdiff-backup's warning: " + restore.Error);
        Assert.That(restore.Error, Does.Contain("restore.log").And.Contain("restoring without it"));
        Assert.That(restore.Error.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), restore.Error);
        Assert.That(File.ReadAllText(Path.Combine(target, "a.txt")), Is.EqualTo("first\n"));
        Assert.That(File.ReadAllText(Path.Combine(target, "dir", "b.txt")), Is.EqualTo("bee\n"));

        foreach (string[] action in new[]
        {
            new[] { "list", "increments", repo.Repository },
            ["list", "files", "--at", "now", repo.Repository],
            ["verify", repo.Repository],
            ["compare", repo.Source, repo.Repository],
            ["status", repo.Repository],
            ["calculate", Directory.GetFiles(repo.Data, "session_statistics.*").Order(StringComparer.Ordinal).First()],
        })
        {
            Programs.Result result = run(repo.Root, action);
            Assert.That(result.Code, Is.EqualTo(ExitCodes.Success), $"{string.Join(' ', action)}: {result.Error}");
            Assert.That(result.Error, Does.Not.Contain("   at "));
        }
    }
}
