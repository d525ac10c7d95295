using System.Text.RegularExpressions;
using RdiffCli.Tests.Support;

namespace RdiffCli.Tests;

/// <summary>
/// Issue 12, item 3: a long option may be shortened to any unique prefix, as argparse lets
/// rdiff-backup 2.2.2 take it, among the options valid where it stands (the global ones before a
/// 2.x action, the action's own after it, all of them in a 1.x command line); a prefix of several
/// is refused with exit 2, naming the same candidates in the same order. Each command line runs
/// side by side with rdiff-backup on a repository of two backups (10000 and 20000) of a source s.
/// </summary>
public sealed partial class OptionPrefixTests
{
    private static readonly string[] Commands =
    [
        // Taken: each prefix names one option where it stands.
        "--parsable compare s bak",
        "--parsable-out list increments bak",
        "list increments --s bak",
        "list increments --no-s bak",
        "list files --a 20000 bak",
        "list files --changed 10000 bak",
        "--verb 3 list increments bak",
        "--verbosity=3 --terminal-v 3 list increments bak",
        "--list-increment-s bak",
        "--list-at 20000 bak",
        "--list-changed 10000 bak",
        "--compare-h s bak",
        "--check-dest bak",
        "verify --a 10000 bak",
        "--compare-full-at 10000 s bak",
        "compare --me hash --a 10000 s bak",
        "--verify-at 10000 bak",
        // Refused: a prefix of several, where it stands.
        "--no s bak",
        "--inc x s bak",
        "--exclude-f x s bak",
        "--no-compress s bak",
        "--list-inc bak",
        "-v9 --ver",
        "backup --exclude-f x s bak",
        "backup --no s bak",
        "backup --no-c s bak",
        "compare --no s bak",
        "backup --t s bak",
        "list files --c 10000 bak",
        "--compare-f s bak",
        // Refused: valid elsewhere, not where it stands (a global option's prefix after the action).
        "compare --pars s bak",
        "list increments --pars bak",
        "--parsable-output=1 list increments bak",
        "list files --size bak",
    ];

    [Test]
    public void Each_prefix_means_what_it_means_to_rdiff_backup()
    {
        string root = Directory.CreateTempSubdirectory("rdiffsharp-prefix-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "s"));
            File.WriteAllText(Path.Combine(root, "s", "f"), "a\n");
            Programs.Succeed(root, "rdiff-backup", "--current-time", "10000", "backup", "s", "bak");
            File.AppendAllText(Path.Combine(root, "s", "f"), "b\n");
            Programs.Succeed(root, "rdiff-backup", "--current-time", "20000", "backup", "s", "bak");
            foreach (string command in Commands)
            {
                string[] arguments = command.Split(' ');
                Programs.Result expected = Programs.Run(root, "rdiff-backup", arguments);
                Programs.Result actual = Programs.Run(root, Programs.Rdiffsharp, arguments);

                Assert.That(actual.Code, Is.EqualTo(expected.Code), $"{command}: {actual.Error}");
                Assert.That(actual.Output, Is.EqualTo(expected.Output), command);
                if (expected.Code == 2)
                {
                    Assert.That(actual.Error.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), $"{command}: one line");
                    Assert.That(actual.Error, Does.StartWith("rdiffsharp: "), command);
                    Assert.That(Candidates(actual.Error), Is.EqualTo(Candidates(expected.Error)), $"{command}: the same candidates, in the same order");
                }
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void An_exact_name_wins_over_the_longer_options_it_begins()
    {
        // --exclude-filelist begins --exclude-filelist-stdin, --compare begins four others, --restore begins --restore-as-of.
        var parsed = RdiffCli.Commands.ArgumentParser.Parse(["--exclude-filelist", "x", "--compare", "s", "bak"]);
        Assert.That(parsed.Sequence, Is.EqualTo(new (string, string?)[] { ("exclude-filelist", "x"), ("compare", null) }));
        Assert.That(parsed.Action, Is.EqualTo("compare"));
        Assert.That(RdiffCli.Commands.ArgumentParser.Parse(["--exclude-filelist=x", "s", "bak"]).Value("exclude-filelist"), Is.EqualTo("x"));
    }

    [Test]
    public void A_prefix_is_stored_under_the_option_it_names()
    {
        var parsed = RdiffCli.Commands.ArgumentParser.Parse(["--parsable", "--terminal-v", "5", "list", "increments", "--no-s", "bak"]);

        Assert.That(parsed.NewStyle, Is.True);
        Assert.That(parsed.Action, Is.EqualTo("list increments"));
        Assert.That(parsed.Has("parsable-output"), Is.True);
        Assert.That(parsed.Value("terminal-verbosity"), Is.EqualTo("5"));
        Assert.That(parsed.Switch("size", true), Is.False);
        Assert.That(parsed.Locations, Is.EqualTo(new[] { "bak" }));
    }

    // "could match --a, --b" in rdiff-backup's usage text and in our one line; empty when not ambiguous.
    private static string[] Candidates(string error) =>
        CouldMatch().Match(error) is { Success: true } m ? m.Groups[1].Value.Split(", ") : [];

    [GeneratedRegex(@"could match ((?:-[-\w]+(?:, )?)+)")]
    private static partial Regex CouldMatch();
}
