using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace RdiffCore.Tests.Platform.Posix;

/// <summary>
/// Runs a system tool (stat, find, getfacl, setfattr, ...) as the oracle of a test. Output is kept
/// as bytes so that names which are not UTF-8 can be compared. A missing tool fails the test.
/// </summary>
internal static class SystemTool
{
    public sealed record Result(int ExitCode, byte[] Output, string Error)
    {
        public string Text => Encoding.UTF8.GetString(Output);
    }

    public static Result Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
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
        catch (Win32Exception error)
        {
            throw new InvalidOperationException($"{tool} is needed by this test (Debian packages acl, attr, coreutils, findutils, util-linux).", error);
        }
        using (process)
        {
            using var output = new MemoryStream();
            Task copy = process.StandardOutput.BaseStream.CopyToAsync(output);
            string error = process.StandardError.ReadToEnd();
            copy.Wait();
            process.WaitForExit();
            return new Result(process.ExitCode, output.ToArray(), error);
        }
    }

    /// <summary>Runs the tool, fails the test if it fails, and returns its standard output.</summary>
    public static Result Succeed(string tool, params string[] arguments)
    {
        Result result = Run(tool, arguments);
        Assert.That(result.ExitCode, Is.Zero, $"{tool} {string.Join(' ', arguments)} failed: {result.Error}");
        return result;
    }

    /// <summary>Standard output as text without the final newline.</summary>
    public static string Line(string tool, params string[] arguments) => Succeed(tool, arguments).Text.TrimEnd('\n');

    /// <summary>The names in a directory as find prints them (raw bytes), the listing oracle.</summary>
    public static List<byte[]> FindNames(string directory)
    {
        byte[] output = Succeed("find", directory, "-mindepth", "1", "-maxdepth", "1", "-printf", "%f\\0").Output;
        var names = new List<byte[]>();
        int start = 0;
        for (int i = 0; i < output.Length; i++)
        {
            if (output[i] == 0)
            {
                names.Add(output[start..i]);
                start = i + 1;
            }
        }
        return names;
    }
}
