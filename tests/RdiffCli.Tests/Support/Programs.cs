using System.Diagnostics;
using System.IO.Compression;

namespace RdiffCli.Tests.Support;

/// <summary>
/// Runs the built rdiffsharp, rdiff-backup 2.2.2 (the oracle) and system tools for real, in a
/// working directory, optionally as the unprivileged user nobody (setpriv, util-linux): as root no
/// file is ever unreadable. Session times are written in UTC so that both tools name files alike.
/// </summary>
internal static class Programs
{
    public sealed record Result(int Code, string Output, string Error);

    public static string Rdiffsharp => Path.Combine(AppContext.BaseDirectory, "rdiffsharp");

    public static Result Run(string directory, string program, params string[] arguments)
    {
        (Process process, Task<string> output, Task<string> error) = Start(directory, program, arguments);
        using (process)
        {
            process.WaitForExit();
            return new Result(process.ExitCode, output.Result, error.Result);
        }
    }

    /// <summary>
    /// Runs a program and cuts in: once <paramref name="moment"/> holds (it must before the program
    /// ends, within <paramref name="patience"/>), <paramref name="cut"/> is called with its process id
    /// (to signal or kill it or what it runs); then its end is awaited.
    /// </summary>
    /// <param name="before">Completes "the action ended (CODE) before ..." when it ends too soon.</param>
    /// <param name="ends">What its end after the cut shows, for the message when it does not end.</param>
    public static Result Interrupted(string directory, Func<bool> moment, TimeSpan patience, Action<int> cut, string before, string ends,
        string program, params string[] arguments)
    {
        (Process process, Task<string> output, Task<string> error) = Start(directory, program, arguments);
        using (process)
        {
            var clock = Stopwatch.StartNew();
            while (!moment())
            {
                if (process.HasExited)
                {
                    Assert.Fail($"the action ended ({process.ExitCode}) before {before}: {error.Result}{output.Result}");
                }
                Assert.That(clock.Elapsed, Is.LessThan(patience));
                Thread.Sleep(2);
            }
            cut(process.Id);
            Assert.That(process.WaitForExit(TimeSpan.FromSeconds(60)), Is.True, ends);
            return new Result(process.ExitCode, output.Result, error.Result);
        }
    }

    private static (Process Process, Task<string> Output, Task<string> Error) Start(string directory, string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["TZ"] = "UTC";
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Process process = Process.Start(start)!;
        return (process, process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
    }

    public static Result AsNobody(string directory, string program, params string[] arguments) =>
        Run(directory, "setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", program, .. arguments]);

    public static Result Succeed(string directory, string program, params string[] arguments)
    {
        Result result = Run(directory, program, arguments);
        Assert.That(result.Code, Is.Zero, $"{program} {string.Join(' ', arguments)}: {result.Error}{result.Output}");
        return result;
    }

    /// <summary>The tests that chown, mount and switch users need root (they run as root in CI and in the VM).</summary>
    public static void RequireRoot() =>
        Assert.That(Environment.IsPrivilegedProcess, Is.True, "this test needs root: it changes owners, mounts a tmpfs or runs rdiffsharp as nobody");

    /// <summary>The lines of a session file, gunzipped if its name ends in .gz.</summary>
    public static string[] Lines(string file)
    {
        using Stream raw = File.OpenRead(file);
        using Stream data = file.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        using var reader = new StreamReader(data);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The one session file of <paramref name="prefix"/> at a time (e.g. "error_log.2001-09-09T02:03:20Z").</summary>
    public static string DataFile(string repository, string prefix) =>
        Directory.GetFiles(Path.Combine(repository, "rdiff-backup-data"), prefix + ".*").Single();
}
