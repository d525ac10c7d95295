using System.Diagnostics;

namespace RdiffCore.Tests.Support;

/// <summary>
/// Runs rdiff-backup 2.2.2 (Debian package rdiff-backup), the reference for the repository
/// format: either the program itself, or a Python script that imports its modules through the
/// system Python it is installed for, to ask its own functions (time strings, quoting, statistics
/// text) for many cases at once. A missing rdiff-backup fails the test, never skips it.
/// </summary>
internal static class RdiffBackupOracle
{
    private const string Python = "/usr/bin/python3";

    /// <summary>Runs a Python script that may import rdiff_backup and rdiffbackup; returns its standard output.</summary>
    public static string RunPython(string script, string input, string? timeZone = null)
    {
        var start = Start(Python, timeZone);
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        return Run(start, input, "python3 with rdiff-backup's modules");
    }

    /// <summary>Runs the rdiff-backup program with the given arguments; returns its standard output.</summary>
    public static string RunRdiffBackup(string? timeZone, params string[] arguments)
    {
        var start = Start("rdiff-backup", timeZone);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return Run(start, "", "rdiff-backup " + string.Join(' ', arguments));
    }

    private static ProcessStartInfo Start(string program, string? timeZone)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (timeZone is not null)
        {
            start.Environment["TZ"] = timeZone;
        }
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        return start;
    }

    private static string Run(ProcessStartInfo start, string input, string what)
    {
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            throw new InvalidOperationException("rdiff-backup 2.2.2 (Debian package rdiff-backup) is needed by this test: apt-get install rdiff-backup.", error);
        }
        using (process)
        {
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(input);
            process.StandardInput.Close();
            process.WaitForExit();
            Assert.That(process.ExitCode, Is.Zero, $"{what} failed: {error.Result}");
            return output.Result;
        }
    }
}
