using RdiffCli.Tests.History;
using RdiffCli.Tests.Support;

namespace RdiffCli.Tests;

/// <summary>
/// Restoring from an increment, rdiff-backup's oldest restore form (issue 12, item 1), next to
/// rdiff-backup 2.2.2 on a repository it wrote: the increment's name gives the path and the time
/// (its own, never --at); a .missing increment restores nothing; the same trees (kinds, modes,
/// mtimes, contents) and the same exit codes.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class IncrementRestoreTests
{
    private const string T1 = "10000", T2 = "20000";
    private string _root = "";

    [OneTimeSetUp]
    public void MakeRepository()
    {
        _root = Directory.CreateTempSubdirectory("rdiffsharp-increstore-").FullName;
        string s = Path.Combine(_root, "s");
        Directory.CreateDirectory(Path.Combine(s, "d"));
        File.WriteAllText(Path.Combine(s, "f"), "one\n");
        File.WriteAllText(Path.Combine(s, "old"), "gone\n");
        File.WriteAllText(Path.Combine(s, "d", "g"), "sub\n");
        Programs.Succeed(_root, "chmod", "750", Path.Combine(s, "d"));
        Programs.Succeed(_root, "touch", "-d", "@5000", Path.Combine(s, "f"), Path.Combine(s, "old"), Path.Combine(s, "d", "g"), Path.Combine(s, "d"));
        Programs.Succeed(_root, "rdiff-backup", "--current-time", T1, "backup", "s", "bak");
        File.WriteAllText(Path.Combine(s, "f"), "one, then two\n");
        File.WriteAllText(Path.Combine(s, "d", "g"), "sub, longer\n");
        File.WriteAllText(Path.Combine(s, "d", "h"), "new in d\n");
        File.WriteAllText(Path.Combine(s, "n"), "new\n");
        File.Delete(Path.Combine(s, "old"));
        Programs.Succeed(_root, "rdiff-backup", "--current-time", T2, "backup", "s", "bak");
    }

    [OneTimeTearDown]
    public void RemoveRepository() => Directory.Delete(_root, recursive: true);

    // "@NAME.TYPE": the increment of NAME (below rdiff-backup-data/increments) of that type, as rdiff-backup named it.
    [TestCase("restore", "@f.diff.gz")]
    [TestCase("restore", "@old.snapshot.gz")]
    [TestCase("restore", "@n.missing")]
    [TestCase("restore", "@d.dir")]
    [TestCase("restore", "@d/g.diff.gz")]
    [TestCase("restore", "@d/h.missing")]
    [TestCase("restore", "bak/rdiff-backup-data/@increments.dir")]
    [TestCase("restore", "--increment", "@f.diff.gz")]
    [TestCase("restore", "--increment", "bak/rdiff-backup-data/@increments.dir")]
    [TestCase("--restore", "@f.diff.gz")]
    [TestCase("--restore", "@d.dir")]
    // rdiff-backup 2.2.2 reads two bare locations as a backup: the increment is no source directory.
    [TestCase("@f.diff.gz")]
    [TestCase("-r", T2, "@f.diff.gz")]
    [TestCase("restore", "--at", T2, "@f.diff.gz")]
    [TestCase("restore", "--at", T1, "--increment", "@f.diff.gz")]
    [TestCase("restore", "--increment", "bak/f")]
    [TestCase("--restore", "bak")]
    public void An_increment_restores_as_rdiff_backup_restores_it(params string[] arguments)
    {
        string[] resolved = [.. arguments.Select(Resolve), "out"];
        var results = new Dictionary<string, (int Code, string Error, List<string> Tree)>();
        foreach ((string tool, string side) in new[] { ("rdiff-backup", "theirs"), (Programs.Rdiffsharp, "ours") })
        {
            string target = Path.Combine(_root, "out");
            Programs.Result run = Programs.Run(_root, tool, resolved);
            results[side] = (run.Code, run.Error, Path.Exists(target) ? TreeListing.Of(target) : ["(none)"]);
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }
            File.Delete(target);
        }
        Assert.Multiple(() =>
        {
            Assert.That(results["ours"].Code, Is.EqualTo(results["theirs"].Code), $"rdiff-backup said: {results["theirs"].Error}; we said: {results["ours"].Error}");
            Assert.That(results["ours"].Tree, Is.EqualTo(results["theirs"].Tree), $"we said: {results["ours"].Error}");
            Assert.That(results["ours"].Error, Does.Not.Contain("   at "));
        });
    }

    [Test]
    public void The_increment_gives_the_time_of_a_whole_tree()
    {
        Programs.Succeed(_root, Programs.Rdiffsharp, "restore", Resolve("bak/rdiff-backup-data/@increments.dir"), "inc");
        Programs.Succeed(_root, Programs.Rdiffsharp, "restore", "--at", T1, "bak", "at");
        try
        {
            Assert.That(TreeListing.Of(Path.Combine(_root, "inc")), Is.EqualTo(TreeListing.Of(Path.Combine(_root, "at"))));
            Assert.That(File.ReadAllText(Path.Combine(_root, "inc", "f")), Is.EqualTo("one\n"));
        }
        finally
        {
            Directory.Delete(Path.Combine(_root, "inc"), recursive: true);
            Directory.Delete(Path.Combine(_root, "at"), recursive: true);
        }
    }

    /// <summary>
    /// rdiff-backup restores nothing from these and exits 0 without a word (a name it cannot read as
    /// an increment is a path inside rdiff-backup-data, which it never restores): we name the path.
    /// </summary>
    [TestCase("bak/rdiff-backup-data/increments")]
    [TestCase("bak/rdiff-backup-data/increments/f.yesterday.diff.gz")]
    [TestCase("bak/rdiff-backup-data/@mirror_metadata.diff.gz/x.1970-01-01T02:46:40Z.diff.gz")]
    [TestCase("bak/rdiff-backup-data/increments/d/..")]
    // The base of "...TIME.diff.gz" is "..": no name, so no increment.
    [TestCase("bak/rdiff-backup-data/increments/...1970-01-01T02:46:40Z.diff.gz")]
    [TestCase("bak/rdiff-backup-data/long_filename_data/1.1970-01-01T02:46:40Z.diff.gz")]
    public void A_path_in_rdiff_backup_data_that_is_no_increment_is_named(string location)
    {
        Programs.Result run = Programs.Run(_root, Programs.Rdiffsharp, "restore", Resolve(location), "out");
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.EqualTo(ExitCodes.Fatal), run.Error);
            Assert.That(run.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), run.Error);
            Assert.That(run.Error, Does.StartWith("rdiffsharp: ").And.Contain("is not an increment"));
            Assert.That(Path.Combine(_root, "out"), Does.Not.Exist);
        });
    }

    /// <summary>
    /// Under filename quoting the increment's name is quoted whole (its timestamp's colons too):
    /// rdiff-backup 2.2.2 cannot read such a name as an increment and restores nothing (exit 0); we
    /// unquote it first and restore what restore --at restores.
    /// </summary>
    [TestCase("q/rdiff-backup-data/increments/;068ir/;070.1970-01-01;08402-46-40;090.diff.gz", "q/Dir/F")]
    [TestCase("q/rdiff-backup-data/increments/;068ir.1970-01-01;08402-46-40;090.dir", "q/Dir")]
    [TestCase("q/rdiff-backup-data/increments.1970-01-01;08402-46-40;090.dir", "q")]
    public void An_increment_of_a_quoted_repository_is_unquoted(string increment, string path)
    {
        string root = Directory.CreateTempSubdirectory("rdiffsharp-increstore-q-").FullName;
        try
        {
            MakeQuotedRepository(root);
            Assert.That(Path.Combine(root, increment), Does.Exist);

            Programs.Succeed(root, Programs.Rdiffsharp, "restore", increment, "inc");
            Programs.Succeed(root, Programs.Rdiffsharp, "restore", "--at", T1, path, "at");
            Assert.That(TreeListing.Of(Path.Combine(root, "inc")), Is.EqualTo(TreeListing.Of(Path.Combine(root, "at"))));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// A quoted name that would unquote to a path ("/" as ;047) or to ".." is kept as it is on disk
    /// (no increment's name, or a directory of that literal name that does not exist): one error,
    /// and nothing outside the repository is read.
    /// </summary>
    [TestCase("q/rdiff-backup-data/increments/;047etc;047passwd.1970-01-01;08402-46-40;090.diff.gz")]
    [TestCase("q/rdiff-backup-data/increments/;046;046;047;046;046;047s;047keep.1970-01-01;08402-46-40;090.snapshot")]
    [TestCase("q/rdiff-backup-data/increments/;046;046/keep.1970-01-01;08402-46-40;090.snapshot")]
    public void A_quoted_name_that_unquotes_to_a_path_is_no_increment(string location)
    {
        string root = Directory.CreateTempSubdirectory("rdiffsharp-increstore-q-").FullName;
        try
        {
            MakeQuotedRepository(root);
            Programs.Result run = Programs.Run(root, Programs.Rdiffsharp, "restore", location, "out");
            Assert.Multiple(() =>
            {
                Assert.That(run.Code, Is.EqualTo(ExitCodes.Fatal), run.Error);
                Assert.That(run.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), run.Error);
                Assert.That(run.Error, Does.StartWith("rdiffsharp: "));
                Assert.That(Path.Combine(root, "out"), Does.Not.Exist);
            });
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Two backups by rdiff-backup with upper case and ':' quoted: Dir/F changed, Dir's own mtime too.</summary>
    private static void MakeQuotedRepository(string root)
    {
        string s = Path.Combine(root, "s");
        Directory.CreateDirectory(Path.Combine(s, "Dir"));
        File.WriteAllText(Path.Combine(s, "Dir", "F"), "A1\n");
        File.WriteAllText(Path.Combine(s, "keep"), "x\n");
        Programs.Succeed(root, "rdiff-backup", "--chars-to-quote", "A-Z:", "--current-time", T1, "backup", "s", "q");
        File.WriteAllText(Path.Combine(s, "Dir", "F"), "A22\n");
        Programs.Succeed(root, "touch", "-d", "@5", Path.Combine(s, "Dir"));
        Programs.Succeed(root, "rdiff-backup", "--chars-to-quote", "A-Z:", "--current-time", T2, "backup", "s", "q");
    }

    /// <summary>"@NAME.TYPE" becomes the increment's path as rdiff-backup named it; "@increments.dir" the root's.</summary>
    private string Resolve(string argument)
    {
        int at = argument.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            return argument;
        }
        string before = at == 0 ? "bak/rdiff-backup-data/increments/" : argument[..at];
        string rest = argument[(at + 1)..];
        int cut = rest.IndexOf("/x.", StringComparison.Ordinal);
        (string wanted, string tail) = cut < 0 ? (rest, "") : (rest[..cut], rest[cut..]);
        string directory = Path.GetDirectoryName(wanted) ?? "";
        string name = Path.GetFileName(wanted);
        int firstDot = name.IndexOf('.', StringComparison.Ordinal);
        string found = Directory.GetFileSystemEntries(Path.Combine(_root, before, directory), $"{name[..firstDot]}.*.{name[(firstDot + 1)..]}").Single();
        return Path.Combine(before, directory, Path.GetFileName(found)) + tail;
    }
}
