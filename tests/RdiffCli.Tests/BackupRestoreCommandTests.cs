using System.Diagnostics;

namespace RdiffCli.Tests;

/// <summary>rdiff-backup's command lines, both styles, through the built rdiffsharp executable.</summary>
public sealed class BackupRestoreCommandTests
{
    [TestCase("old")]
    [TestCase("new")]
    public void Backup_then_restore_with_rdiff_backup_command_lines(string style)
    {
        string root = Directory.CreateTempSubdirectory("rdiffsharp-cli-").FullName;
        try
        {
            string src = Path.Combine(root, "src"), repo = Path.Combine(root, "repo");
            Directory.CreateDirectory(Path.Combine(src, "sub"));
            File.WriteAllText(Path.Combine(src, "sub", "file"), "first");
            Assert.That(Rdiffsharp(style == "old" ? ["--current-time", "1700000000", src, repo] : ["--current-time", "1700000000", "backup", src, repo]).Code, Is.Zero);
            File.WriteAllText(Path.Combine(src, "sub", "file"), "second, longer");
            Assert.That(Rdiffsharp(style == "old" ? ["--current-time", "1700086400", src, repo] : ["backup", "--current-time", "1700086400", src, repo]).Code, Is.Zero);

            string target = Path.Combine(root, "restored");
            string[] restore = style == "old"
                ? ["-r", "1B", "--current-time", "1700090000", Path.Combine(repo, "sub", "file"), target]
                : ["restore", "--at", "1700000000", Path.Combine(repo, "sub", "file"), target];
            (int code, string output) = Rdiffsharp(restore);
            Assert.That(code, Is.Zero, output);
            Assert.That(File.ReadAllText(target), Is.EqualTo("first"));

            (code, output) = Rdiffsharp(["-r", "3 days", repo, Path.Combine(root, "other")]);
            Assert.That(code, Is.EqualTo(ExitCodes.Usage), output);
            Assert.That(output, Does.Contain("3 days"));

            (code, output) = Rdiffsharp(["-r", "now", Path.Combine(repo, "sub", "file"), target]);
            Assert.That(code, Is.EqualTo(ExitCodes.Fatal));
            Assert.That(output.Trim().Split('\n'), Has.Length.EqualTo(1), "one line, no stack trace");
            Assert.That(output, Does.Contain("--force"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void A_missing_source_is_a_fatal_one_line_error()
    {
        (int code, string output) = Rdiffsharp(["/no/such/source", Path.Combine(Path.GetTempPath(), "rdiffsharp-never")]);
        Assert.That(code, Is.EqualTo(ExitCodes.Fatal));
        Assert.That(output.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(output, Does.Contain("/no/such/source"));
    }

    private static (int Code, string Output) Rdiffsharp(string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "rdiffsharp"), arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
