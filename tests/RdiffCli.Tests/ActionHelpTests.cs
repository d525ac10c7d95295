using System.Text.RegularExpressions;
using RdiffCli.Commands;

namespace RdiffCli.Tests;

/// <summary>
/// Issue 12, item 13: `ACTION --help` and `--new --help` say what each action takes, from the
/// parser's own table; `-v 9` prints the runtime information first; `--version` and the man page
/// give one version.
/// </summary>
public sealed partial class ActionHelpTests
{
    [TestCase("backup")]
    [TestCase("restore")]
    [TestCase("compare")]
    [TestCase("verify")]
    [TestCase("regress")]
    [TestCase("calculate")]
    [TestCase("complete")]
    [TestCase("status")]
    public void Action_help_names_every_option_of_the_action_and_its_locations(string action)
    {
        (int code, string output) = Run(action, "--help");
        OptionScope scope = OptionTable.Action(action)!;

        Assert.That(code, Is.Zero);
        Assert.That(output, Does.StartWith($"usage: rdiffsharp [GLOBAL OPTIONS] {action} [OPTIONS] {scope.Arguments}"));
        Assert.That(output, Does.Not.Contain("Exit codes:"), "not the whole help");
        foreach (string name in scope.Options.SelectMany(o => o.Names))
        {
            Assert.That(output, Does.Match($@"(^|[ ,]){Regex.Escape(name)}([ ,\n]|$)"), name);
        }
    }

    [Test]
    public void Each_form_of_asking_gives_the_actions_help()
    {
        Assert.That(Run("list", "--help").Output, Does.StartWith("usage: rdiffsharp [GLOBAL OPTIONS] list [OPTIONS] files|increments").And.Contain("list files").And.Contain("list increments"));
        Assert.That(Run("list", "files", "--help").Output, Does.Contain("--changed-since TIME").And.Contain("--at TIME").And.Contain("REPOSITORY[/PATH]"));
        Assert.That(Run("list", "increments", "-h").Output, Does.Contain("--size, --no-size"));
        Assert.That(Run("remove", "increments", "--help").Output, Does.Contain("--older-than TIME"));
        Assert.That(Run("--force", "verify", "--he").Output, Does.StartWith("usage: rdiffsharp [GLOBAL OPTIONS] verify"), "an abbreviated --help");
        Assert.That(Run("--help").Output, Does.Contain("Exit codes:"), "--help alone: everything");
        Assert.That(Run("-r", "now", "--help").Output, Does.Contain("Exit codes:"), "a 1.x command line: everything");
    }

    [Test]
    public void New_help_lists_the_global_options_and_every_action()
    {
        (int code, string output) = Run("--new", "--help");

        Assert.That(code, Is.Zero);
        Assert.That(output, Does.StartWith("usage: rdiffsharp [GLOBAL OPTIONS] ACTION"));
        foreach (string name in OptionTable.Global.Options.SelectMany(o => o.Names))
        {
            Assert.That(output, Does.Match($@"(^|[ ,]){Regex.Escape(name)}([ ,\n]|$)"), name);
        }
        foreach (OptionScope action in OptionTable.Actions)
        {
            Assert.That(output, Does.Match($@"\n  {action.Name} "), action.Name);
        }
    }

    [Test]
    public void Verbosity_9_prints_the_runtime_information_first()
    {
        (int code, string output) = Run("-v", "9", "calculate", "--method", "average", "/dev/null/none");
        _ = code;
        string[] lines = output.Split('\n');

        Assert.That(lines[0], Is.EqualTo($"DEBUG: rdiffsharp {Cli.Version} (repository format of rdiff-backup 2.2, API versions 200 to 201, default 200)"));
        Assert.That(lines[1], Does.StartWith("DEBUG: runtime: .NET ").And.Contain(Environment.Version.ToString()));
        Assert.That(lines[2], Does.StartWith("DEBUG: system: Linux-"));
        Assert.That(lines[3], Is.EqualTo("DEBUG: command line: rdiffsharp -v 9 calculate --method average /dev/null/none"));
        Assert.That(lines[4], Is.EqualTo("DEBUG: parsed: action calculate (2.x style); options: verbosity=9, method=average; locations: /dev/null/none"));
        Assert.That(Run("-v", "7", "calculate", "/dev/null/none").Output, Does.Not.Contain("DEBUG:"), "below rdiff-backup's debug level: nothing");
        Assert.That(Run("--terminal-verbosity", "8", "calculate", "/dev/null/none").Output, Does.StartWith("DEBUG: rdiffsharp "));
    }

    [Test]
    public void The_version_and_the_man_page_agree()
    {
        string manPage = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "rdiffsharp.1"));
        string header = manPage.Split('\n')[0];

        Assert.That(Run("--version").Output, Is.EqualTo($"rdiffsharp {Cli.Version}\n"));
        Assert.That(ManVersion().Match(header).Groups[1].Value, Is.EqualTo(Cli.Version), header);
    }

    [Test]
    public void Help_and_man_page_describe_complete_and_action_help()
    {
        string manPage = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "rdiffsharp.1"));
        string help = Run("--help").Output;

        foreach (string text in new[] { "complete", "--cword", "--no-unique", "ACTION --help", "--new --help", "prefix" })
        {
            Assert.That(help, Does.Contain(text), "--help: " + text);
            Assert.That(manPage.Replace("\\-", "-", StringComparison.Ordinal).Replace("\\fR", "", StringComparison.Ordinal).Replace("\\fB", "", StringComparison.Ordinal).Replace("\\fI", "", StringComparison.Ordinal),
                Does.Contain(text), "man page: " + text);
        }
    }

    [GeneratedRegex(@"""rdiffsharp (\d+\.\d+\.\d+)""")]
    private static partial Regex ManVersion();

    private static (int Code, string Output) Run(params string[] args)
    {
        using var output = new StringWriter();
        int code = Cli.Run(args, output, TextWriter.Null);
        return (code, output.ToString());
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
