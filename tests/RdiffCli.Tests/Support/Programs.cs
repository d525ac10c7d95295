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
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new Result(process.ExitCode, output, error.Result);
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
