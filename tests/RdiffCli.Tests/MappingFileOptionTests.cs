namespace RdiffCli.Tests;

/// <summary>--user-mapping-file and --group-mapping-file errors, on both backup and restore: one line, rdiff-backup's exit codes.</summary>
public sealed class MappingFileOptionTests
{
    [TestCase("backup", "--user-mapping-file")]
    [TestCase("backup", "--group-mapping-file")]
    [TestCase("restore", "--user-mapping-file")]
    [TestCase("restore", "--group-mapping-file")]
    public void A_missing_mapping_file_is_a_usage_error_naming_it(string action, string option)
    {
        string root = Directory.CreateTempSubdirectory("rdiffsharp-cli-").FullName;
        try
        {
            string missing = Path.Combine(root, "no-such-map");
            (int code, string error) = Run(action, option, missing, Path.Combine(root, "a"), Path.Combine(root, "b"));

            Assert.That(code, Is.EqualTo(ExitCodes.Usage), "rdiff-backup's argparse refuses it with 2");
            Assert.That(error.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), error);
            Assert.That(error, Does.Contain(missing).And.Contain(option).And.Contain("No such file"));
            Assert.That(Directory.Exists(Path.Combine(root, "b")), Is.False, "nothing was created");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TestCase("backup")]
    [TestCase("restore")]
    public void A_bad_line_is_a_fatal_error_naming_the_file_and_line(string action)
    {
        string root = Directory.CreateTempSubdirectory("rdiffsharp-cli-").FullName;
        try
        {
            string map = Path.Combine(root, "users.map");
            File.WriteAllText(map, "root:root\n\n# a comment\n");
            Directory.CreateDirectory(Path.Combine(root, "src"));
            (int code, string error) = Run(action, "--user-mapping-file", map, Path.Combine(root, "src"), Path.Combine(root, "dest"));

            Assert.That(code, Is.EqualTo(ExitCodes.Fatal), "rdiff-backup's FatalError for a bad line");
            Assert.That(error.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), error);
            Assert.That(error, Does.Contain($"'{map}' line 3").And.Contain("# a comment"));
            Assert.That(Directory.Exists(Path.Combine(root, "dest")), Is.False, "the mapping is read before anything is created");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void A_mapping_file_is_accepted_by_backup_and_restore()
    {
        string root = Directory.CreateTempSubdirectory("rdiffsharp-cli-").FullName;
        try
        {
            string map = Path.Combine(root, "map");
            File.WriteAllText(map, "root:0\r\n  12345:root  \n");
            Directory.CreateDirectory(Path.Combine(root, "src"));
            File.WriteAllText(Path.Combine(root, "src", "f"), "x");
            string repo = Path.Combine(root, "repo");

            Assert.That(Run("backup", "--user-mapping-file", map, "--group-mapping-file", map, Path.Combine(root, "src"), repo), Is.EqualTo((0, "")));
            Assert.That(Run("restore", "--user-mapping-file", map, "--group-mapping-file", map, repo, Path.Combine(root, "out")), Is.EqualTo((0, "")));
            Assert.That(File.ReadAllText(Path.Combine(root, "out", "f")), Is.EqualTo("x"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static (int Code, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = Cli.Run(args, output, error);
        return (code, error.ToString());
    }
}
