using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.Hostile;

/// <summary>
/// Parts of the source the walk cannot reach (a directory its user may read but not search, one it
/// may not open, a path longer than PATH_MAX): each is a per-file error or simply backed up, never a
/// failed backup, and everything else is backed up and restores exactly.
/// </summary>
public sealed class UnreachableSourceTests
{
    private const string T1 = "1700000000", T2 = "1700000100", T3 = "1700000200";
    private const string T2Name = "2023-11-14T22:15:00Z";

    [Test]
    public void A_directory_the_user_cannot_search_is_logged_and_keeps_its_previous_contents()
    {
        Programs.RequireRoot();
        string root = Directory.CreateTempSubdirectory("rdiffsharp-unsearchable-").FullName;
        try
        {
            string src = Path.Combine(root, "src");
            Directory.CreateDirectory(Path.Combine(src, "d"));
            Directory.CreateDirectory(Path.Combine(src, "closed"));
            File.WriteAllText(Path.Combine(src, "a"), "a1");
            File.WriteAllText(Path.Combine(src, "d", "x"), "x1");
            File.WriteAllText(Path.Combine(src, "d", "y"), "y1");
            File.WriteAllText(Path.Combine(src, "closed", "z"), "z1");
            Programs.Succeed(root, "chown", "-R", "nobody:nogroup", root);
            Programs.Result first = Programs.AsNobody(root, Programs.Rdiffsharp, "--current-time", T1, "backup", "src", "repo");
            Assert.That(first.Code, Is.Zero, first.Error);

            // Readable but not searchable, and not even readable: as nobody, for whom no capability helps.
            File.WriteAllText(Path.Combine(src, "a"), "a2");
            File.WriteAllText(Path.Combine(src, "b"), "b2");
            Programs.Succeed(root, "chown", "nobody:nogroup", Path.Combine(src, "b"));
            Programs.Succeed(root, "chmod", "600", Path.Combine(src, "d"));
            Programs.Succeed(root, "chmod", "000", Path.Combine(src, "closed"));
            Programs.Result second = Programs.AsNobody(root, Programs.Rdiffsharp, "--current-time", T2, "backup", "src", "repo");

            Assert.That(second.Code, Is.EqualTo(ExitCodes.FileErrors), second.Error);
            string repo = Path.Combine(root, "repo");
            string[] errorLog = Programs.Lines(Programs.DataFile(repo, "error_log." + T2Name));
            Assert.That(errorLog, Has.Length.EqualTo(3), string.Join('\n', errorLog));
            Assert.That(errorLog[0], Does.StartWith("ListError: 'closed' [Errno 13] Permission denied: b'").And.EndWith("/src/closed'"));
            Assert.That(errorLog[1], Does.StartWith("ListError: 'd/x' [Errno 13] Permission denied: b'").And.EndWith("/src/d/x'"));
            Assert.That(errorLog[2], Does.StartWith("ListError: 'd/y' [Errno 13] Permission denied: b'"));
            AssertFinished(root, ExitCodes.FileErrors);

            string restored = Path.Combine(root, "restored");
            Programs.Succeed(root, Programs.Rdiffsharp, "restore", "--at", "now", "repo", restored);
            Assert.That(Contents(restored), Is.EqualTo(new Dictionary<string, string>
            {
                ["a"] = "a2", ["b"] = "b2", ["closed/z"] = "z1", ["d/x"] = "x1", ["d/y"] = "y1",
            }), "the new files backed up, the unreachable directories as they were");

            // Reachable again: the next backup takes them, with no error.
            Programs.Succeed(root, "chmod", "700", Path.Combine(src, "d"), Path.Combine(src, "closed"));
            File.WriteAllText(Path.Combine(src, "d", "x"), "x3");
            Programs.Result third = Programs.AsNobody(root, Programs.Rdiffsharp, "--current-time", T3, "backup", "src", "repo");
            Assert.That(third.Code, Is.Zero, third.Error);
            string again = Path.Combine(root, "again");
            Programs.Succeed(root, Programs.Rdiffsharp, "restore", "--at", "now", "repo", again);
            Assert.That(Contents(again)["d/x"], Is.EqualTo("x3"));
        }
        finally
        {
            Programs.Run("/", "rm", "-rf", root);
        }
    }

    [Test]
    public void A_path_longer_than_path_max_does_not_fail_the_backup()
    {
        Programs.RequireRoot();
        string root = Directory.CreateTempSubdirectory("rdiffsharp-longpath-").FullName;
        try
        {
            string src = Path.Combine(root, "src");
            Directory.CreateDirectory(Path.Combine(src, "b"));
            File.WriteAllText(Path.Combine(src, "a"), "one");
            File.WriteAllText(Path.Combine(src, "b", "c"), "two");
            // 22 directories of 200 bytes: the file's path below src alone is over 4,400 bytes, which
            // only *at calls can reach (python, one directory descriptor at a time).
            Programs.Succeed(root, "python3", "-c", """
                import os, sys
                fd = os.open(sys.argv[1], os.O_RDONLY)
                for i in range(22):
                    name = f"{i:02d}" + "n" * 198
                    os.mkdir(name, dir_fd=fd)
                    child = os.open(name, os.O_RDONLY, dir_fd=fd)
                    os.close(fd)
                    fd = child
                out = os.open("deepfile", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
                os.write(out, b"deep")
                """, src);

            foreach (string time in new[] { T1, T2 })
            {
                Programs.Result run = Programs.Run(root, Programs.Rdiffsharp, "--current-time", time, "backup", "src", "repo");
                Assert.That(run.Code, Is.AnyOf(ExitCodes.Success, ExitCodes.FileErrors), run.Error);
                string repo = Path.Combine(root, "repo");
                string[] metadata = Programs.Lines(Programs.DataFile(repo, "mirror_metadata." + (time == T1 ? "2023-11-14T22:13:20Z" : T2Name)));
                bool recorded = metadata.Any(l => l.StartsWith("File ", StringComparison.Ordinal) && l.EndsWith("/deepfile", StringComparison.Ordinal));
                if (run.Code == ExitCodes.FileErrors)
                {
                    // The repository side could not hold it: a per-file error that names the path.
                    Assert.That(run.Error, Does.Contain("deepfile"));
                }
                else
                {
                    Assert.That(recorded, Is.True, "backed up whole (the mirror keeps over-long paths in long_filename_data, as rdiff-backup does)");
                }
                AssertFinished(root, run.Code);
            }

            string restored = Path.Combine(root, "restored");
            Programs.Run(root, Programs.Rdiffsharp, "restore", "--at", "now", "repo", restored);
            Assert.That(File.ReadAllText(Path.Combine(restored, "a")), Is.EqualTo("one"));
            Assert.That(File.ReadAllText(Path.Combine(restored, "b", "c")), Is.EqualTo("two"));
        }
        finally
        {
            // rm works one directory at a time, where .NET's recursive delete passes whole paths.
            Programs.Run("/", "rm", "-rf", root);
        }
    }

    private static void AssertFinished(string root, int code)
    {
        Programs.Result status = Programs.Run(root, Programs.Rdiffsharp, "status", "--parsable-output", "repo");
        Assert.That(status.Code, Is.EqualTo(code), status.Output + status.Error);
        Assert.That(status.Output.Split('\n'), Does.Contain("state: finished"), "the repository is not left interrupted");
    }

    private static Dictionary<string, string> Contents(string tree) =>
        Directory.GetFiles(tree, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(tree, f), File.ReadAllText);
}
