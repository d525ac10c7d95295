using RdiffCli.Tests.Support;

namespace RdiffCli.Tests;

/// <summary>
/// `list increments` and `list files` against rdiff-backup 2.2.2 on the same repository, written
/// by either tool: the same standard output byte for byte and the same exit code.
/// </summary>
public sealed class ListCommandTests
{
    private static readonly string[][] Commands =
    [
        ["list", "increments", "repo"],
        ["list", "increments", "repo/a"],
        ["list", "increments", "repo/sub"],
        ["list", "increments", "repo/nonexist"],
        ["--parsable-output", "list", "increments", "repo"],
        ["--parsable-output", "list", "increments", "repo/sub"],
        ["--api-version", "201", "--parsable-output", "list", "increments", "repo/sub"],
        ["list", "increments", "--size", "repo"],
        ["list", "increments", "--size", "repo/sub"],
        ["list", "increments", "--size", "repo/a"],
        ["--parsable-output", "list", "increments", "--size", "repo"],
        ["-l", "repo"],
        ["--list-increments", "repo/sub"],
        ["--list-increment-sizes", "repo"],
        ["list", "files", "repo"],
        ["list", "files", "--at", "1B", "repo"],
        ["list", "files", "--at", "0", "repo"],
        ["list", "files", "--at", "1700086400", "repo/sub"],
        ["list", "files", "repo/a"],
        ["list", "files", "repo/nonexist"],
        ["list", "files", "--changed-since", "3B", "repo"],
        ["list", "files", "--changed-since", "1700000000", "repo/sub"],
        ["--null-separator", "list", "files", "--changed-since", "2B", "repo"],
        ["--list-at-time", "2B", "repo"],
        ["--list-changed-since", "1700000000", "repo"],
        ["list", "files", "--at", "bogus", "repo"],
        ["list", "increments", "."],
        ["list", "files", "nonexist"],
    ];

    [TestCase("rdiff-backup")]
    [TestCase("rdiffsharp")]
    public void Output_and_exit_code_are_rdiff_backups(string writer)
    {
        string root = Directory.CreateTempSubdirectory("rdiffsharp-list-").FullName;
        try
        {
            BuildRepository(root, writer == "rdiffsharp" ? Programs.Rdiffsharp : "rdiff-backup");
            foreach (string[] command in Commands)
            {
                Programs.Result expected = Programs.Run(root, "rdiff-backup", command);
                Programs.Result actual = Programs.Run(root, Programs.Rdiffsharp, command);
                string shown = string.Join(' ', command);
                Assert.That(actual.Output, Is.EqualTo(Without(expected.Output)), shown);
                Assert.That(actual.Code, Is.EqualTo(expected.Code), shown + ": " + actual.Error);
                if (actual.Code != 0)
                {
                    Assert.That(actual.Error.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), shown + ": one line, no stack trace");
                }
            }
        }
        finally
        {
            // .NET cannot name the non-UTF-8 file; rm can.
            Programs.Succeed("/", "rm", "-rf", root);
        }
    }

    /// <summary>Four sessions: a changed file, a deleted and a new one, an odd byte name, a session that changes nothing at the root.</summary>
    internal static void BuildRepository(string root, string program)
    {
        string src = Path.Combine(root, "src");
        Directory.CreateDirectory(Path.Combine(src, "sub"));
        File.WriteAllText(Path.Combine(src, "a"), "a\n");
        File.WriteAllText(Path.Combine(src, "sub", "f"), "s\n");
        Programs.Succeed(src, "sh", "-c", "printf x > \"$(printf 'odd\\377name')\"; printf y > 'new\nline'");
        Programs.Succeed(root, program, "--current-time", "1700000000", "backup", "src", "repo");
        File.AppendAllText(Path.Combine(src, "a"), "b\n");
        File.Delete(Path.Combine(src, "sub", "f"));
        File.WriteAllText(Path.Combine(src, "sub", "g"), "n\n");
        Programs.Succeed(root, program, "--current-time", "1700086400", "backup", "src", "repo");
        File.WriteAllText(Path.Combine(src, "a"), "c\n");
        Programs.Succeed(root, program, "--current-time", "1700172800", "backup", "src", "repo");
        Programs.Succeed(root, program, "--current-time", "1700180000", "backup", "src", "repo");
    }

    // rdiff-backup logs its API 201 locking note on standard output.
    private static string Without(string output)
    {
        var kept = new List<string>();
        bool inNote = false;
        foreach (string line in output.Split('\n'))
        {
            inNote = line.StartsWith("NOTE:", StringComparison.Ordinal) || (inNote && line.StartsWith("         ", StringComparison.Ordinal));
            if (!inNote)
            {
                kept.Add(line);
            }
        }
        return string.Join('\n', kept);
    }
}
