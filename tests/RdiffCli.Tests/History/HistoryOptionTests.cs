using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.History;

/// <summary>
/// Every option `rdiff-backup ACTION --help` lists for list increments, list files, remove
/// increments, verify and regress, and the 1.x flags of those actions, against rdiff-backup 2.2.2:
/// each command line runs on its own copy of one repository for each tool and must give the same
/// exit code and standard output and leave the same names in rdiff-backup-data; the command lines
/// argparse refuses (an option of another action, two actions, --at with --changed-since) are
/// refused here too (exit 2, one line).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class HistoryOptionTests
{
    private static readonly string[] Commands =
    [
        "list increments --size REPO",
        "list increments --no-size REPO",
        "list increments --size --no-size REPO",
        "list increments --no-size --size REPO",
        "--list-increment-sizes REPO",
        "-l REPO",
        "--list-increments REPO",
        "list files --at 1B REPO",
        "list files --changed-since 2B REPO",
        "--list-at-time 1B REPO",
        "--list-changed-since 2B REPO",
        "--force remove increments --older-than 1B REPO",
        "--force remove increments --older-than 1B --size REPO",
        "--force remove increments --older-than 1B --no-size REPO",
        "--force --remove-older-than 1B REPO",
        "verify REPO",
        "verify --at 1B REPO",
        "--verify REPO",
        "--verify-at-time 2B REPO",
        "regress REPO",
        "--check-destination-dir REPO",
        "regress --compression --not-compressed-regexp x REPO",
        "regress --no-compression --no-compression-regexp x --allow-duplicate-timestamps REPO",
        "regress --preserve-numerical-ids --user-mapping-file MAP --group-mapping-file MAP REPO",
        "--check-destination-dir --preserve-numerical-ids --no-compression REPO",
        "list files --at 1B --changed-since 2B REPO",
        "list files --size REPO",
        "list increments --at 1B REPO",
        "remove increments REPO",
        "remove increments --older-than 1B --at 1B REPO",
        "verify --size REPO",
        "verify --older-than 1B REPO",
        "regress --size REPO",
        "regress --at 1B REPO",
        "-l --list-at-time 1B REPO",
        "--list-at-time 1B --list-changed-since 2B REPO",
        "--remove-older-than 1B --size REPO",
        "--verify --at 1B REPO",
        "--check-destination-dir --size REPO",
        "--verify --check-destination-dir REPO",
    ];

    [TestCase("rdiff-backup")]
    [TestCase("rdiffsharp")]
    public void Each_option_means_what_it_means_to_rdiff_backup(string writer)
    {
        string root = Directory.CreateTempSubdirectory("rdiffsharp-history-options-").FullName;
        try
        {
            ListCommandTests.BuildRepository(root, writer == "rdiffsharp" ? Programs.Rdiffsharp : "rdiff-backup");
            File.WriteAllText(Path.Combine(root, "map"), "root:0\n");
            int n = 0;
            foreach (string command in Commands)
            {
                n++;
                string ours = $"ours{n}";
                string theirs = $"theirs{n}";
                Programs.Succeed(root, "cp", "-a", "repo", ours);
                Programs.Succeed(root, "cp", "-a", "repo", theirs);
                Programs.Result expected = Programs.Run(root, "rdiff-backup", Arguments(command, theirs));
                Programs.Result actual = Programs.Run(root, Programs.Rdiffsharp, Arguments(command, ours));

                Assert.That(actual.Code, Is.EqualTo(expected.Code), $"{command}: {actual.Error}");
                Assert.That(actual.Output, Is.EqualTo(expected.Output.Replace(theirs, ours, StringComparison.Ordinal)), command);
                Assert.That(Names(root, ours), Is.EqualTo(Names(root, theirs)), command);
                if (expected.Code == 2 && expected.Error.Contains("usage:", StringComparison.Ordinal))
                {
                    Assert.That(actual.Error.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), $"{command}: one line");
                }
            }
        }
        finally
        {
            // .NET cannot name the non-UTF-8 file; rm can.
            Programs.Succeed("/", "rm", "-rf", root);
        }
    }

    [Test]
    public void Help_and_man_page_name_the_options_of_remove_and_regress()
    {
        using var output = new StringWriter();
        Assert.That(Cli.Run(["--help"], output, TextWriter.Null), Is.Zero);
        string directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "docs", "rdiffsharp.1")))
        {
            directory = Path.GetDirectoryName(directory) ?? throw new AssertionException("no docs/rdiffsharp.1 above the tests");
        }
        string manPage = File.ReadAllText(Path.Combine(directory, "docs", "rdiffsharp.1"));
        foreach (string option in new[] { "--older-than TIME [--size]", "--allow-duplicate-timestamps", "--preserve-numerical-ids", "--not-compressed-regexp" })
        {
            Assert.That(output.ToString(), Does.Contain(option));
        }
        foreach (string option in new[] { "--size", "--no-size", "--allow-duplicate-timestamps", "--user-mapping-file", "--group-mapping-file", "--no-compression" })
        {
            Assert.That(manPage, Does.Contain(option.Replace("-", "\\-", StringComparison.Ordinal)), option);
        }
    }

    private static string[] Arguments(string command, string repository) =>
        [.. command.Split(' ').Select(a => a switch { "REPO" => repository, "MAP" => "map", _ => a })];

    /// <summary>The names in rdiff-backup-data, the logs aside.</summary>
    private static List<string> Names(string root, string repository) =>
        [.. TreeListing.Names(Path.Combine(root, repository, "rdiff-backup-data")).Where(n => !n.Contains(".log", StringComparison.Ordinal))];
}
