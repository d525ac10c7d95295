using RdiffCli.Commands;
using RdiffCli.Tests.Support;

namespace RdiffCli.Tests;

/// <summary>
/// Issue 12, item 10: `complete --cword N -- WORDS...`, rdiff-backup 2.2's shell completion hook,
/// gives rdiff-backup's candidates, one a line, with its exit code: actions, option prefixes, the
/// values after an option, sub-actions, "::file::" where a location may stand. rdiff-backup sorts
/// by the letters alone and breaks ties (compare and --compare) at random, so both answers are
/// compared with ties ordered; our own additions (status, --exclude-caches) are left out of ours.
/// </summary>
public sealed class CompleteCommandTests
{
    private static readonly string[][] Cases =
    [
        ["1", ""], ["1", "--"], ["1", "l"], ["1", "--pa"], ["1", "backup"], ["-1", "--ver"], ["0"],
        ["2", "list", ""], ["2", "list", "i"], ["2", "list", "files"], ["2", "list", "", "bak"],
        ["3", "list", "increments", ""], ["3", "list", "increments", "--"], ["4", "list", "increments", "--size", ""],
        ["3", "list", "files", ""], ["4", "list", "files", "--at", ""],
        ["3", "remove", "increments", ""], ["3", "remove", "increments", "--o"],
        ["2", "backup", ""], ["2", "backup", "", "x", "y"], ["3", "backup", "", "x", "y"],
        ["3", "backup", "--user-mapping-file", ""], ["3", "backup", "--exclude-filelist", ""], ["3", "backup", "--include", ""],
        ["3", "backup", "--max-file-size", ""], ["3", "compare", "--method", ""],
        ["2", "restore", "--"], ["2", "regress", "--"], ["2", "verify", ""], ["3", "verify", "--at", ""],
        ["2", "info", ""], ["2", "server", ""], ["2", "complete", ""],
        ["2", "-v", ""], ["2", "-v", "5"], ["2", "--tempdir", ""], ["2", "--api-version", ""], ["2", "--restrict-mode", ""],
        ["2", "--new", ""], ["2", "--no-new", ""], ["2", "--compare", ""], ["3", "--exclude", "x", ""], ["2", "--exclude-filelist", ""],
        ["3", "-r", "now", ""], ["3", "--force", "restore", ""], ["2", "--force", "restore"], ["4", "--force", "restore", "--at", ""],
        // Not a command line: exit 1.
        ["1"], ["5", "a"], ["3", "--new", "-l", ""],
    ];

    [Test]
    public void Each_answer_is_rdiff_backups()
    {
        foreach (string[] testCase in Cases)
        {
            string[] words = testCase[1..];
            Programs.Result expected = Programs.Run("/", "rdiff-backup", ["complete", "--cword", testCase[0], "--", "rdiff-backup", .. words]);
            Programs.Result actual = Programs.Run("/", Programs.Rdiffsharp, ["complete", "--cword", testCase[0], "--", "rdiffsharp", .. words]);
            string shown = $"--cword {testCase[0]} -- {string.Join(' ', words.Select(w => w.Length == 0 ? "''" : w))}";

            Assert.That(actual.Code, Is.EqualTo(expected.Code), $"{shown}: {actual.Error}");
            Assert.That(Ordered(actual.Output, ours: true), Is.EqualTo(Ordered(expected.Output, ours: false)), shown);
            if (actual.Code != 0)
            {
                Assert.That(actual.Error, Does.StartWith("rdiffsharp: ").And.Not.Contain("\n  "), shown);
            }
        }
    }

    [Test]
    public void Candidates_come_from_the_parsers_own_table()
    {
        using var output = new StringWriter();
        Assert.That(Cli.Run(["complete", "--cword", "1", "--", "rdiffsharp", "--"], output, TextWriter.Null), Is.Zero);
        string[] offered = Lines(output.ToString());

        string[] known = [.. OptionTable.Compat.Names.Select(n => n.Name).Where(n => n.StartsWith("--", StringComparison.Ordinal)).Distinct()];
        Assert.That(offered, Is.EquivalentTo(known), "every long option the 1.x parser takes, and nothing else");
        Assert.That(offered, Does.Contain("--exclude-caches"), "ours too");
    }

    [Test]
    public void Where_rdiff_backup_fails_with_a_traceback_ours_answers()
    {
        // rdiff-backup 2.2.2 raises TypeError for an action taking one or more locations, UnboundLocalError with --no-unique.
        Assert.That(Complete("--cword", "2", "--", "rdiffsharp", "calculate", ""), Is.EqualTo(new[] { "-h", "--help", "--method", "::file::" }));
        Assert.That(Complete("--no-unique", "--cword", "4", "--", "rdiffsharp", "list", "increments", "--size", "--s"), Is.EqualTo(new[] { "--size" }));
        Assert.That(Complete("--cword", "1", "--", "rdiffsharp", "--pars", "list"), Is.EqualTo(new[] { "--parsable-output" }));
        Assert.That(Complete("--cword", "2", "--", "rdiffsharp", "status", ""), Is.EqualTo(new[] { "-h", "--help", "::file::" }));
    }

    [Test]
    public void The_words_are_not_read_as_our_own_options()
    {
        // "--help" and "--version" after "--" are words to complete, not requests.
        Assert.That(Complete("--cword", "1", "--", "rdiffsharp", "--help"), Is.EqualTo(new[] { "--help" }));
        Assert.That(Complete("--cword", "1", "--", "rdiffsharp", "--version"), Is.EqualTo(new[] { "--version" }));
    }

    private static string[] Complete(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.That(Cli.Run(["complete", .. args], output, error), Is.Zero, error.ToString());
        return Lines(output.ToString());
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    // Sorted as both sort (the letters without dashes), ties by the whole word; the file marker stays last.
    private static List<string> Ordered(string output, bool ours)
    {
        string[] lines = Lines(output);
        List<string> words = [.. lines.Where(l => l != "::file::" && !(ours && l is "status" or "--exclude-caches"))];
        if (words.All(w => w.Length > 0 && (w[0] == '-' || char.IsLetter(w[0]))))
        {
            words = [.. words.OrderBy(w => w.Replace("-", "", StringComparison.Ordinal), StringComparer.Ordinal).ThenBy(w => w, StringComparer.Ordinal)];
        }
        return [.. words, .. lines.Where(l => l == "::file::")];
    }
}
