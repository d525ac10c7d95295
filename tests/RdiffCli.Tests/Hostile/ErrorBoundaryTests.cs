using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.Hostile;

/// <summary>Values and repository files that used to end in a stack trace: each is one line naming the path or value, and an exit code of the table.</summary>
public sealed class ErrorBoundaryTests
{
    [Test]
    public void An_interval_too_long_for_any_date_is_a_usage_error()
    {
        using var repo = new TwoBackupRepository("interval");

        Programs.Result result = repo.Run("remove", "increments", "--older-than", "99999999999999D", repo.Repository);

        TwoBackupRepository.AssertOneLine(result, ExitCodes.Usage);
        Assert.That(result.Error, Does.Contain("99999999999999D").And.Contain("out of range"));
    }

    [TestCase("253402300800")]
    [TestCase("9223372036854775807")]
    [TestCase("4102444800")] // 2100: a session name no reader parses back
    public void A_current_time_out_of_range_refuses_a_backup_before_anything_is_written(string time)
    {
        using var repo = new TwoBackupRepository("current-time");
        string[] before = repo.DataListing();

        Programs.Result result = repo.Run("--current-time", time, "backup", repo.Source, repo.Repository);

        TwoBackupRepository.AssertOneLine(result, ExitCodes.Usage);
        Assert.That(result.Error, Does.Contain(time));
        Assert.That(repo.DataListing(), Is.EqualTo(before));
    }

    [TestCase(ExitCodes.Usage, "restore", "--at", "now", "REPO", "TARGET")]
    [TestCase(ExitCodes.Usage, "remove", "increments", "--older-than", "1D", "REPO")]
    [TestCase(ExitCodes.Usage, "verify", "REPO")]
    [TestCase(ExitCodes.Usage, "compare", "SRC", "REPO")]
    [TestCase(ExitCodes.Fatal, "list", "files", "--at", "1D", "REPO")] // list reports every bad time as fatal, as before
    public void A_current_time_out_of_range_is_one_line_for_every_action_that_takes_a_time(int code, params string[] action)
    {
        using var repo = new TwoBackupRepository("reference-time");

        Programs.Result result = repo.Run(["--current-time", "253402300800", .. Fill(action, repo)]);

        TwoBackupRepository.AssertOneLine(result, code);
        Assert.That(result.Error, Does.Contain("253402300800"));
    }

    [TestCase("restore", "--at", "99999999999999D", "REPO", "TARGET")]
    [TestCase("verify", "--at", "99999999999Y", "REPO")]
    [TestCase("compare", "--at", "9999999999999999", "SRC", "REPO")]
    [TestCase("list", "files", "--changed-since", "99999999999Y", "REPO")]
    public void A_time_out_of_range_is_one_line_for_every_action_that_takes_a_time(params string[] action)
    {
        using var repo = new TwoBackupRepository("time");

        Programs.Result result = repo.Run(Fill(action, repo));

        Assert.That(result.Error, Does.Not.Contain("   at "));
        Assert.That(result.Error, Does.Contain("out of range").Or.Contain("Bad time string"), result.Error);
        Assert.That(result.Code, Is.EqualTo(ExitCodes.Usage).Or.EqualTo(ExitCodes.Fatal), result.Error);
    }

    [Test]
    public void A_bad_not_compressed_regexp_is_refused_before_the_session_starts()
    {
        using var repo = new TwoBackupRepository("regexp");
        string[] before = repo.DataListing();

        Programs.Result result = repo.Run("backup", "--not-compressed-regexp", "(", repo.Source, repo.Repository);

        TwoBackupRepository.AssertOneLine(result, ExitCodes.Usage);
        Assert.That(result.Error, Does.Contain("--not-compressed-regexp '('"));
        Assert.That(repo.DataListing(), Is.EqualTo(before), "nothing written: the repository is not left interrupted");
        Assert.That(repo.Run("status", repo.Repository).Code, Is.EqualTo(ExitCodes.Success));
    }

    [TestCase("chars_to_quote", "directory")]
    [TestCase("chars_to_quote", "symlink")]
    [TestCase("chars_to_quote", "huge")]
    [TestCase("special_escapes", "directory")]
    [TestCase("special_escapes", "huge")]
    public void A_settings_file_that_is_not_a_small_file_is_a_damaged_repository(string name, string kind)
    {
        using var repo = new TwoBackupRepository("settings");
        string path = Path.Combine(repo.Data, name);
        Replace(path, kind);

        foreach (string[] action in new[] { new[] { "backup", "SRC", "REPO" }, ["restore", "--at", "now", "REPO", "TARGET"], ["list", "increments", "REPO"], ["status", "REPO"] })
        {
            Programs.Result result = repo.Run(Fill(action, repo));

            TwoBackupRepository.AssertOneLine(result, ExitCodes.Fatal);
            Assert.That(result.Error, Does.Contain("damaged").And.Contain($"'{path}'"), action[0]);
            Assert.That(result.Error, Does.Not.Contain("free space"), action[0]);
        }
    }

    [TestCase("directory")]
    [TestCase("symlink")]
    public void A_current_mirror_marker_that_is_not_a_file_is_a_damaged_repository(string kind)
    {
        using var repo = new TwoBackupRepository("marker");
        string marker = Directory.GetFiles(repo.Data, "current_mirror.*").Single();
        Replace(marker, kind);

        foreach (string[] action in new[] { new[] { "backup", "SRC", "REPO" }, ["restore", "--at", "now", "REPO", "TARGET"], ["regress", "REPO"], ["status", "REPO"] })
        {
            Programs.Result result = repo.Run(Fill(action, repo));

            TwoBackupRepository.AssertOneLine(result, ExitCodes.Fatal);
            Assert.That(result.Error, Does.Contain("damaged").And.Contain($"'{marker}'"), action[0]);
        }
    }

    [TestCase("directory")]
    [TestCase("symlink")]
    public void A_lock_file_that_is_not_a_file_stops_writers_and_readers_go_on_with_a_warning(string kind)
    {
        using var repo = new TwoBackupRepository("lock");
        string lockFile = Path.Combine(repo.Data, "lock.yml");
        Replace(lockFile, kind);

        Programs.Result backup = repo.Run("backup", repo.Source, repo.Repository);
        TwoBackupRepository.AssertOneLine(backup, ExitCodes.Fatal);
        Assert.That(backup.Error, Does.Contain("damaged").And.Contain($"'{lockFile}'"));

        Programs.Result restore = repo.Run("restore", "--at", "now", repo.Repository, Path.Combine(repo.Root, "out"));
        Assert.That(restore.Code, Is.EqualTo(ExitCodes.Success), restore.Error);
        Assert.That(restore.Error, Does.Contain($"'{lockFile}'"));
        Assert.That(File.ReadAllText(Path.Combine(repo.Root, "out", "a.txt")), Is.EqualTo("second\n"));
    }

    [Test]
    public void A_mapping_file_that_never_ends_is_a_usage_error()
    {
        using var repo = new TwoBackupRepository("mapping");

        Programs.Result result = repo.Run("backup", "--user-mapping-file", "/dev/zero", repo.Source, repo.Repository);

        TwoBackupRepository.AssertOneLine(result, ExitCodes.Usage);
        Assert.That(result.Error, Does.Contain("'/dev/zero'").And.Contain("MiB"));
    }

    [Test]
    public void An_exception_nobody_expected_is_one_line_that_asks_for_a_bug_report()
    {
        var error = new StringWriter();

        int code = Cli.Run(["--version"], new FailingWriter(), error);

        Assert.That(code, Is.EqualTo(ExitCodes.Fatal));
        Assert.That(error.ToString().TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1));
        Assert.That(error.ToString(), Does.StartWith("rdiffsharp: internal error: System.InvalidOperationException: the writer broke").And.Contain("bug"));
    }

    private static void Replace(string path, string kind)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
        switch (kind)
        {
            case "directory":
                Directory.CreateDirectory(path);
                break;
            case "symlink":
                File.CreateSymbolicLink(path, "/etc/passwd");
                break;
            default:
                using (FileStream file = File.Create(path))
                {
                    file.SetLength(10L << 30);   // sparse: 10 GiB that must never be read whole
                }
                break;
        }
    }

    private static string[] Fill(string[] action, TwoBackupRepository repo) =>
        [.. action.Select(a => a switch
        {
            "REPO" => repo.Repository,
            "SRC" => repo.Source,
            "TARGET" => Path.Combine(repo.Root, "target"),
            _ => a,
        })];

    private sealed class FailingWriter : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => throw new InvalidOperationException("the writer broke");

        public override void Write(string? value) => throw new InvalidOperationException("the writer broke");

        public override void WriteLine(string? value) => throw new InvalidOperationException("the writer broke");
    }
}
