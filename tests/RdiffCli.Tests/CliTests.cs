using System.Diagnostics;

namespace RdiffCli.Tests;

public sealed class CliTests
{
    [Test]
    public void Help_lists_the_usage_and_every_exit_code()
    {
        (int code, string output, string error) = Run("--help");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero);
            Assert.That(error, Is.Empty);
            Assert.That(output, Does.Contain("Usage:").And.Contain("Exit codes:"));
            foreach (int exitCode in new[] { ExitCodes.Success, ExitCodes.Fatal, ExitCodes.Usage })
            {
                Assert.That(output, Does.Contain($"  {exitCode}  "));
            }
        });
    }

    [Test]
    public void Help_matches_the_man_page()
    {
        string manPage = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "rdiffsharp.1"));
        (_, string output, _) = Run("--help");

        foreach (string option in new[] { "--help", "--version", "-h", "-V" })
        {
            Assert.That(output, Does.Contain(option));
            Assert.That(manPage, Does.Contain(option.Replace("-", "\\-", StringComparison.Ordinal)), $"the man page documents {option}");
        }
        foreach (string line in ExitCodes.Table.Split('\n').Skip(1).Where(l => l.Trim().Length > 0))
        {
            string description = line.Trim()[(line.Trim().IndexOf("  ", StringComparison.Ordinal) + 2)..];
            Assert.That(manPage, Does.Contain(description), $"the man page lists exit code: {line.Trim()}");
        }
    }

    [Test]
    public void Version_prints_the_program_and_its_version()
    {
        (int code, string output, _) = Run("--version");

        Assert.That(code, Is.Zero);
        Assert.That(output.Trim(), Does.Match(@"^rdiffsharp \d+\.\d+\.\d+$"));
    }

    [TestCase("--no-such-option")]
    [TestCase()]
    public void A_wrong_command_line_is_a_one_line_usage_error(params string[] args)
    {
        (int code, string output, string error) = Run(args);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.Usage));
            Assert.That(output, Is.Empty);
            Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(error, Does.Contain("rdiffsharp --help"));
        });
    }

    [Test]
    public void The_built_executable_is_called_rdiffsharp_and_runs()
    {
        (int code, string output) = Execute(Path.Combine(AppContext.BaseDirectory, "rdiffsharp"), "--version");

        Assert.That(code, Is.Zero);
        Assert.That(output, Does.StartWith("rdiffsharp "));
    }

    [Test]
    public void Dotnet_publish_gives_a_working_rdiffsharp()
    {
        string output = Directory.CreateTempSubdirectory("rdiffsharp-publish-").FullName;
        try
        {
            (int code, string log) = Execute("dotnet", "publish", Path.Combine(RepositoryRoot(), "src", "RdiffCli"), "-c", "Release", "-o", output);
            Assert.That(code, Is.Zero, log);

            (int helpCode, string help) = Execute(Path.Combine(output, "rdiffsharp"), "--help");
            (int versionCode, string version) = Execute(Path.Combine(output, "rdiffsharp"), "--version");

            Assert.That((helpCode, versionCode), Is.EqualTo((0, 0)));
            Assert.That(help, Does.Contain("Usage:"));
            Assert.That(version, Does.StartWith("rdiffsharp "));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static (int Code, string Output) Execute(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Cli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RdiffSharp.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("The tests run outside the repository.");
    }
}
