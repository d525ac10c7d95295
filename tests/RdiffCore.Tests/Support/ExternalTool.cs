using System.Diagnostics;
using System.Text;

namespace RdiffCore.Tests.Support;

/// <summary>
/// Runs a peer program for real (rdiff, rdiff-backup, getfacl, stat...) as the oracle of a test.
/// Output is kept as bytes so that names which are not UTF-8 can be compared. A missing program
/// fails the test, never skips it.
/// </summary>
internal static class ExternalTool
{
    public sealed record Result(int ExitCode, byte[] Output, string Error)
    {
        public string Text => Encoding.UTF8.GetString(Output);
    }

    public static Result Run(string program, params string[] arguments) => Run(program, arguments, input: null);

    public static Result Run(string program, IEnumerable<string> arguments, byte[]? input, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
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
            throw new InvalidOperationException($"{program} is needed by this test: run ./run-tests.sh, which installs the Debian packages the tests use.", error);
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

    /// <summary>Runs the program and fails the test if it fails.</summary>
    public static Result Succeed(string program, params string[] arguments) => Succeed(program, arguments, input: null);

    public static Result Succeed(string program, IEnumerable<string> arguments, byte[]? input, IReadOnlyDictionary<string, string>? environment = null)
    {
        Result result = Run(program, arguments, input, environment);
        Assert.That(result.ExitCode, Is.Zero, $"{program} {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.Error}{result.Text}");
        return result;
    }
}
