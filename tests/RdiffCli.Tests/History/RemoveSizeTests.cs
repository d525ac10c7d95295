using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.History;

/// <summary>
/// `remove increments --size` / `--no-size` against rdiff-backup 2.2.2 on copies of one
/// repository written by each tool: the same lines (each session with the bytes of its
/// increments), plain and with --parsable-output (which remove ignores), the same refusal
/// without --force, and the same repository afterwards.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RemoveSizeTests
{
    private const long T0 = 1_700_000_000;

    private string _root = "";

    [SetUp]
    public void Create() => _root = Directory.CreateTempSubdirectory("rdiffsharp-remove-size-").FullName;

    [TearDown]
    public void Delete() => Directory.Delete(_root, recursive: true);

    [TestCase("rdiffsharp", "--size")]
    [TestCase("rdiff-backup", "--size")]
    [TestCase("rdiffsharp", "--no-size")]
    [TestCase("rdiffsharp", "--size --no-size")]
    [TestCase("rdiff-backup", "--no-size --size")]
    public void Remove_with_or_without_sizes_says_what_rdiff_backup_says(string writer, string sizeOptions)
    {
        Sessions(writer, 4);
        string[] size = sizeOptions.Split(' ');
        foreach (string copy in new[] { "ours", "theirs", "ours-parsable", "theirs-parsable" })
        {
            Programs.Succeed(_root, "cp", "-a", "repo", copy);
        }

        Programs.Result ours = Programs.Run(_root, Programs.Rdiffsharp, ["remove", "increments", .. size, "--older-than", $"{T0 + 2500}", "ours"]);
        Programs.Result theirs = Programs.Run(_root, "rdiff-backup", ["remove", "increments", .. size, "--older-than", $"{T0 + 2500}", "theirs"]);
        Assert.That(ours.Code, Is.EqualTo(theirs.Code).And.EqualTo(1), ours.Error);
        Assert.That(Listed(ours.Error), Is.EqualTo(Listed(theirs.Error)).And.Count.EqualTo(3), ours.Error);
        if (size[^1] == "--size")
        {
            Assert.That(Listed(ours.Error)[0], Does.Match(@"^Tue Nov 14 22:13:20 2023 +[0-9.]+ (bytes|KB)$"), "time, then the size right-aligned in 17");
        }

        foreach (string suffix in new[] { "", "-parsable" })
        {
            string[] parsable = suffix.Length > 0 ? ["--parsable-output"] : [];
            ours = Programs.Run(_root, Programs.Rdiffsharp, [.. parsable, "remove", "increments", .. size, "--older-than", $"{T0 + 500}", "ours" + suffix]);
            theirs = Programs.Run(_root, "rdiff-backup", [.. parsable, "remove", "increments", .. size, "--older-than", $"{T0 + 500}", "theirs" + suffix]);
            Assert.That((ours.Code, ours.Output), Is.EqualTo((theirs.Code, theirs.Output)), ours.Error);
            Assert.That(ours.Output, Does.StartWith("NOTE: Deleting increment at date/time: Tue Nov 14 22:13:20 2023"));
            Assert.That(ours.Output.Contains("bytes", StringComparison.Ordinal), Is.EqualTo(size[^1] == "--size"));
            Assert.That(Names("ours" + suffix), Is.EqualTo(Names("theirs" + suffix)));

            ours = Programs.Run(_root, Programs.Rdiffsharp, [.. parsable, "--force", "remove", "increments", .. size, "--older-than", "0B", "ours" + suffix]);
            theirs = Programs.Run(_root, "rdiff-backup", [.. parsable, "--force", "remove", "increments", .. size, "--older-than", "0B", "theirs" + suffix]);
            Assert.That((ours.Code, ours.Output), Is.EqualTo((theirs.Code, theirs.Output)), ours.Error);
            Assert.That(ours.Output, Does.StartWith("NOTE: Deleting increments at dates/times:\n"));
            Assert.That(Names("ours" + suffix), Is.EqualTo(Names("theirs" + suffix)));
        }
    }

    [Test]
    public void The_1x_form_has_no_sizes()
    {
        Sessions("rdiffsharp", 2);
        Programs.Succeed(_root, "cp", "-a", "repo", "theirs");
        Programs.Result ours = Programs.Succeed(_root, Programs.Rdiffsharp, "--remove-older-than", $"{T0 + 500}", "repo");
        Programs.Result theirs = Programs.Succeed(_root, "rdiff-backup", "--remove-older-than", $"{T0 + 500}", "theirs");
        Assert.That(ours.Output, Is.EqualTo(theirs.Output).And.EqualTo("NOTE: Deleting increment at date/time: Tue Nov 14 22:13:20 2023\n"));
    }

    /// <summary>The lines between rdiff-backup's "Found N relevant increments" and its hint about --force.</summary>
    private static List<string> Listed(string error) =>
        [.. error.Split('\n').SkipWhile(l => !l.Contains("relevant increments", StringComparison.Ordinal)).Skip(1).TakeWhile(l => !l.StartsWith("If you want", StringComparison.Ordinal))];

    private void Sessions(string writer, int count)
    {
        string tool = writer == "rdiffsharp" ? Programs.Rdiffsharp : "rdiff-backup";
        string src = Path.Combine(_root, "src");
        Directory.CreateDirectory(src);
        for (int v = 0; v < count; v++)
        {
            File.WriteAllText(Path.Combine(src, $"f{v}"), new string('x', 1000 * v));
            File.AppendAllText(Path.Combine(src, "grows"), new string((char)('a' + v), 3000));
            Programs.Succeed(_root, tool, "--current-time", $"{T0 + (v * 1000)}", "backup", src, "repo");
        }
    }

    private List<string> Names(string repository) =>
        [.. TreeListing.Names(Path.Combine(_root, repository, "rdiff-backup-data")).Where(n => !n.StartsWith("backup.log", StringComparison.Ordinal) && !n.StartsWith("remove.log", StringComparison.Ordinal))];
}
