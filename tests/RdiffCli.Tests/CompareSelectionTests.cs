using RdiffCli.Tests.Support;

namespace RdiffCli.Tests;

/// <summary>
/// `compare` with selection options next to rdiff-backup 2.2.2: the rules select the source side
/// (matching the source as given); both tools print the same lines and exit with the same code.
/// </summary>
public sealed class CompareSelectionTests
{
    [TestCase("--exclude", "src/b", "--exclude", "src/**.log")]
    [TestCase("--method", "hash", "--exclude", "src/b", "--exclude", "src/**.log")]
    [TestCase("--method", "hash", "--include", "src/docs", "--exclude", "**")]
    [TestCase("--exclude-special-files", "--exclude-regexp", "fresh")]
    [TestCase("--method", "full", "--exclude", "src/data/link", "--exclude", "src/fresh.txt")]
    // With full, recorded paths are compared with the disk whatever the rules say: only the unrecorded new file goes.
    [TestCase("--method", "full", "--exclude-fifos", "--exclude", "src/fresh.txt")]
    [TestCase("--at", "1000000000", "--exclude-globbing-filelist", "globs.txt")]
    [TestCase("--max-file-size", "1000", "--exclude", "src/docs/new")]
    public void Both_tools_print_the_same_differences(params string[] options)
    {
        string root = RestoreSelectionTests.Setup();
        try
        {
            string src = Path.Combine(root, "src");
            File.WriteAllText(Path.Combine(src, "data", "small.log"), "changed again");
            File.WriteAllText(Path.Combine(src, "fresh.txt"), "new");
            File.Delete(Path.Combine(src, "b", "z.txt"));
            File.WriteAllText(Path.Combine(root, "globs.txt"), "src/**/*.tmp\n- src/skipme\nsrc/data\n");
            string[] command = [.. new[] { "compare" }, .. options, "src", "repo"];
            Programs.Result theirs = Programs.Run(root, "rdiff-backup", command);
            Programs.Result ours = Programs.Run(root, Programs.Rdiffsharp, command);
            Assert.That((ours.Code, ours.Output), Is.EqualTo((theirs.Code, theirs.Output)), ours.Error + theirs.Error);
            Programs.Result plain = Programs.Run(root, Programs.Rdiffsharp, [.. new[] { "compare" }, .. Methods(options), "src", "repo"]);
            Assert.That(ours.Output, Is.Not.EqualTo(plain.Output), "the rules change the report");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The method and time options alone, without the rules.</summary>
    private static string[] Methods(string[] options)
    {
        var kept = new List<string>();
        for (int i = 0; i < options.Length; i++)
        {
            if (options[i] is "--method" or "--at")
            {
                kept.Add(options[i]);
                kept.Add(options[++i]);
            }
        }
        return [.. kept];
    }
}
