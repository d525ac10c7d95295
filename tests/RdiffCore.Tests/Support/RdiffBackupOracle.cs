using System.Text;

namespace RdiffCore.Tests.Support;

/// <summary>
/// Runs rdiff-backup 2.2.2 (Debian package rdiff-backup), the reference for the repository
/// format: either the program itself, or a Python script that imports its modules through the
/// Python it is installed for, to ask its own functions (time strings, quoting, statistics text)
/// for many cases at once. A missing rdiff-backup fails the test, never skips it.
/// </summary>
internal static class RdiffBackupOracle
{
    /// <summary>Runs a Python script that may import rdiff_backup and rdiffbackup; returns its standard output.</summary>
    public static string RunPython(string script, string input, string? timeZone = null, params string[] arguments) =>
        ExternalTool.Succeed(Interpreter(), ["-c", script, .. arguments], Encoding.UTF8.GetBytes(input), Environment(timeZone)).Text;

    /// <summary>Runs the rdiff-backup program with the given arguments; returns its standard output.</summary>
    public static string RunRdiffBackup(string? timeZone, params string[] arguments) =>
        ExternalTool.Succeed("rdiff-backup", arguments, input: null, Environment(timeZone)).Text;

    private static Dictionary<string, string> Environment(string? timeZone)
    {
        var environment = new Dictionary<string, string> { ["PYTHONIOENCODING"] = "utf-8" };
        if (timeZone is not null)
        {
            environment["TZ"] = timeZone;
        }
        return environment;
    }

    // The python3 first on PATH may be another installation; rdiff-backup's own shebang names the one with its modules.
    private static string Interpreter()
    {
        string? script = (System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':')
            .Select(directory => Path.Combine(directory, "rdiff-backup"))
            .FirstOrDefault(File.Exists);
        Assert.That(script, Is.Not.Null, "rdiff-backup (Debian package rdiff-backup) is needed by this test");
        string firstLine = File.ReadLines(script!).First();
        string[] shebang = firstLine.StartsWith("#!", StringComparison.Ordinal) ? firstLine[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        return shebang switch
        {
            [string env, string program, ..] when env.EndsWith("/env", StringComparison.Ordinal) => program,
            [string program, ..] => program,
            _ => "python3",
        };
    }
}
