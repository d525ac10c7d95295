using RdiffCli.Tests.Support;

namespace RdiffCli.Tests;

/// <summary>`rdiffsharp status`: what a monitor reads, and the exit code it alerts on, on real repositories.</summary>
public sealed class StatusCommandTests
{
    [Test]
    public void A_finished_backup_an_interrupted_one_and_one_with_file_errors_each_have_their_exit_code()
    {
        Programs.RequireRoot();
        string root = Directory.CreateTempSubdirectory("rdiffsharp-status-").FullName;
        try
        {
            string src = Path.Combine(root, "src"), repo = Path.Combine(root, "repo");
            Directory.CreateDirectory(src);
            File.WriteAllText(Path.Combine(src, "a"), "one");
            Programs.Succeed(root, Programs.Rdiffsharp, "--current-time", "1700000000", "src", "repo");
            File.WriteAllText(Path.Combine(src, "a"), "two");
            Programs.Succeed(root, Programs.Rdiffsharp, "--current-time", "1700000100", "src", "repo");

            Programs.Result finished = Programs.Run(root, Programs.Rdiffsharp, "status", "repo");
            Assert.That(finished.Code, Is.EqualTo(ExitCodes.Success), finished.Error);
            Assert.That(finished.Output, Does.Contain("Last backup: finished").And.Contain("Files with errors: 0").And.Contain("Backups: 2"));
            Programs.Result parsable = Programs.Run(root, Programs.Rdiffsharp, "status", "--parsable-output", "repo");
            Assert.That(parsable.Output.Split('\n'), Does.Contain("state: finished").And.Contain("last_finished: 1700000100").And.Contain("oldest: 1700000000"));

            // A file root keeps to itself, backed up as nobody: the session counts one file error.
            File.WriteAllText(Path.Combine(src, "secret"), "s");
            Programs.Succeed(root, "chown", "-R", "nobody:nogroup", root);
            Programs.Succeed(root, "chown", "root:root", Path.Combine(src, "secret"));
            Programs.Succeed(root, "chmod", "600", Path.Combine(src, "secret"));
            Assert.That(Programs.AsNobody(root, Programs.Rdiffsharp, "--current-time", "1700000200", "src", "repo").Code, Is.EqualTo(ExitCodes.FileErrors));
            Programs.Result withErrors = Programs.Run(root, Programs.Rdiffsharp, "status", "--parsable-output", "repo");
            Assert.That(withErrors.Code, Is.EqualTo(ExitCodes.FileErrors));
            Assert.That(withErrors.Output.Split('\n'), Does.Contain("file_errors: 1").And.Contain("backups: 3"));

            // What a killed backup leaves: a second current_mirror marker, newer than the last finished one.
            File.WriteAllText(Path.Combine(repo, "rdiff-backup-data", "current_mirror.2023-11-14T22:18:20Z.data"), "PID 12345\n");
            Programs.Result interrupted = Programs.Run(root, Programs.Rdiffsharp, "status", "repo");
            Assert.That(interrupted.Code, Is.EqualTo(ExitCodes.Interrupted));
            Assert.That(interrupted.Output, Does.Contain("Last backup: interrupted").And.Contain("regress"));
            Assert.That(Programs.Run(root, Programs.Rdiffsharp, "status", "--parsable-output", "repo").Output.Split('\n'),
                Does.Contain("state: interrupted").And.Contain("interrupted_at: 1700000300").And.Contain("last_finished: 1700000200"));

            Programs.Result none = Programs.Run(root, Programs.Rdiffsharp, "status", "src");
            Assert.That(none.Code, Is.EqualTo(ExitCodes.Fatal));
            Assert.That(none.Error.Trim().Split('\n'), Has.Length.EqualTo(1).And.Some.Contain("src"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
