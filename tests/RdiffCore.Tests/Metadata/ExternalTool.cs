using System.Diagnostics;

namespace RdiffCore.Tests.Metadata;

/// <summary>
/// Runs a system program (rdiff-backup, python3, bash with attr/acl tools) as the oracle of a
/// test. A missing program fails the test with the Debian package to install; it never skips.
/// </summary>
internal static class ExternalTool
{
    public sealed record Result(int ExitCode, byte[] Output, string Error);

    public static Result Run(string program, IEnumerable<string> arguments, byte[]? input = null, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            throw new InvalidOperationException($"{program} is needed by this test (Debian packages rdiff-backup, attr, acl, python3).", error);
        }
        using (process)
        {
            using var output = new MemoryStream();
            Task copy = process.StandardOutput.BaseStream.CopyToAsync(output);
            Task<string> error = process.StandardError.ReadToEndAsync();
            if (input is not null)
            {
                process.StandardInput.BaseStream.Write(input);
            }
            process.StandardInput.Close();
            process.WaitForExit();
            copy.Wait();
            return new Result(process.ExitCode, output.ToArray(), error.Result);
        }
    }

    /// <summary>Runs the program and fails the test if it fails; returns its standard output.</summary>
    public static byte[] Succeed(string program, IEnumerable<string> arguments, byte[]? input = null, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        Result result = Run(program, arguments, input, environment, workingDirectory);
        Assert.That(result.ExitCode, Is.Zero, $"{program} {string.Join(' ', arguments)} failed: {result.Error}");
        return result.Output;
    }
}
