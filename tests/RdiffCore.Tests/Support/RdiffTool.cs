using System.Diagnostics;

namespace RdiffCore.Tests.Support;

/// <summary>
/// Runs librsync's `rdiff`, the reference implementation of the delta format. A missing `rdiff`
/// fails the test (it is installed by .ci/run and ./run-tests.sh), never skips it.
/// </summary>
internal static class RdiffTool
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("rdiff")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            throw new InvalidOperationException("rdiff (Debian package rdiff) is needed by this test: run ./run-tests.sh or apt-get install rdiff.", error);
        }
        using (process)
        {
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return new Result(process.ExitCode, output.Result, error);
        }
    }

    /// <summary>Runs rdiff and fails the test if it fails.</summary>
    public static void Succeed(params string[] arguments)
    {
        Result result = Run(arguments);
        Assert.That(result.ExitCode, Is.Zero, $"rdiff {string.Join(' ', arguments)} failed: {result.Error}");
    }
}
