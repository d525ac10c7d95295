using System.Text;
using RdiffCore.Model;
using RdiffCore.Selection;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Selection;

/// <summary>Decisions without a disk, and the errors raised before anything is written (rdiff-backup fails on those it also refuses).</summary>
public sealed class SelectionTests
{
    private static RdiffCore.Selection.Selection Compile(params string[] arguments)
    {
        (List<SelectionRule> rules, bool nullSeparator) = SelectionArguments.Parse(arguments);
        return RdiffCore.Selection.Selection.Compile(rules, new SelectionSettings("src"u8.ToArray(), 0, nullSeparator), new NoDisk());
    }

    private static SelectionDecision Decide(RdiffCore.Selection.Selection selection, string path, FileKind kind = FileKind.Regular, long size = 0) =>
        selection.Evaluate(new SelectionCandidate(RelPath.FromString(path), kind, size));

    [Test]
    public void TheFirstRuleThatDecidesWins()
    {
        var selection = Compile("--exclude", "src/a/h.py", "--include", "src/a/**", "--exclude", "**");
        Assert.Multiple(() =>
        {
            Assert.That(Decide(selection, "a/h.py"), Is.EqualTo(SelectionDecision.Exclude));
            Assert.That(Decide(selection, "a/b.py"), Is.EqualTo(SelectionDecision.Include));
            Assert.That(Decide(selection, "a", FileKind.Directory), Is.EqualTo(SelectionDecision.Scan), "src/a/** matches below a, not a");
            Assert.That(Decide(selection, "c"), Is.EqualTo(SelectionDecision.Exclude));
            Assert.That(Decide(selection, ""), Is.EqualTo(SelectionDecision.Include), "the base is always kept");
        });
    }

    [Test]
    public void AnIncludeGlobScansTheDirectoriesOnItsWayAndALaterExcludeKeepsTheScan()
    {
        var selection = Compile("--include", "src/x/*/y", "--exclude", "**");
        Assert.Multiple(() =>
        {
            Assert.That(Decide(selection, "x", FileKind.Directory), Is.EqualTo(SelectionDecision.Scan));
            Assert.That(Decide(selection, "x/q", FileKind.Directory), Is.EqualTo(SelectionDecision.Scan));
            Assert.That(Decide(selection, "x/q/y/deeper"), Is.EqualTo(SelectionDecision.Include));
            Assert.That(Decide(selection, "x/q/z"), Is.EqualTo(SelectionDecision.Exclude));
        });
    }

    [Test]
    public void AGlobsLiteralIsFoundAcrossTheBaseAndInLongAndNonAsciiPaths()
    {
        // "rc/d*" has the literal "rc/d", which begins inside the base "src"; "**/q\u00e9*" has
        // non-ASCII bytes; "src" in "**src**" lies in every path's base, so it rules nothing out.
        var selection = Compile("--exclude", "**rc/d*", "--exclude", "**/q\u00e9*", "--include", "src/a/keep/**", "--exclude", "**src**");
        string deep = string.Join('/', Enumerable.Repeat("segment-of-a-long-path", 60));
        Assert.Multiple(() =>
        {
            Assert.That(Decide(selection, "dx"), Is.EqualTo(SelectionDecision.Exclude), "the literal spans the base and the path");
            Assert.That(Decide(selection, "q\u00e9z"), Is.EqualTo(SelectionDecision.Exclude));
            Assert.That(Decide(selection, "a/keep", FileKind.Directory), Is.EqualTo(SelectionDecision.Scan));
            Assert.That(Decide(selection, "a/keep/f"), Is.EqualTo(SelectionDecision.Include));
            Assert.That(Decide(selection, "a/z"), Is.EqualTo(SelectionDecision.Exclude), "**src** matches through the base");
            Assert.That(Decide(selection, "a/" + deep, FileKind.Directory), Is.EqualTo(SelectionDecision.Exclude), "a path longer than the stack buffer");
            Assert.That(Decide(selection, "a/keep/" + deep), Is.EqualTo(SelectionDecision.Include));
            Assert.That(Decide(selection, deep + "/q\u00e9"), Is.EqualTo(SelectionDecision.Exclude));
        });
    }

    [Test]
    public void IgnorecaseFoldsAsciiOnlyAndWildcardsCountBytes()
    {
        var selection = Compile("--exclude", "ignorecase:src/\u00e9T?", "--exclude", "src/[!a]");
        Assert.Multiple(() =>
        {
            Assert.That(Decide(selection, "\u00e9t\u00e9"), Is.EqualTo(SelectionDecision.Include), "'?' is one byte, and \u00e9 is two");
            Assert.That(Decide(selection, "\u00e9tx"), Is.EqualTo(SelectionDecision.Exclude));
            Assert.That(Decide(selection, "\u00c9tx"), Is.EqualTo(SelectionDecision.Include), "\u00c9 is no ASCII letter");
            Assert.That(Decide(selection, "b"), Is.EqualTo(SelectionDecision.Exclude));
        });
    }

    [Test]
    public void SizesLimitRegularFilesOnly()
    {
        var selection = Compile("--max-file-size", "100", "--min-file-size", "10");
        Assert.Multiple(() =>
        {
            Assert.That(Decide(selection, "f", size: 100), Is.EqualTo(SelectionDecision.Include));
            Assert.That(Decide(selection, "f", size: 101), Is.EqualTo(SelectionDecision.Exclude));
            Assert.That(Decide(selection, "f", size: 9), Is.EqualTo(SelectionDecision.Exclude));
            Assert.That(Decide(selection, "d", FileKind.Directory, 4096), Is.EqualTo(SelectionDecision.Include));
        });
    }

    [TestCase(true, "--exclude", "foo/*", TestName = "a glob outside the base")]
    [TestCase(true, "--include", "src/a", TestName = "an include last")]
    [TestCase(true, "--exclude-regexp", "(", TestName = "an invalid regexp")]
    [TestCase(true, "--exclude", "src/[z-a]", TestName = "a backwards range")]
    [TestCase(true, "--include", "src//a*", "--exclude", "**", TestName = "consecutive slashes")]
    [TestCase(true, "--include-filelist", "/nonexistent/list", "--exclude", "**", TestName = "a missing filelist")]
    [TestCase(false, "--exclude", "src/a[", TestName = "an unbalanced bracket (rdiff-backup takes it literally)")]
    public void BadRulesFailBeforeAnythingIsWritten(bool rdiffBackupFails, params string[] arguments)
    {
        Assert.That(() => Compile(arguments), Throws.TypeOf<SelectionException>().With.Message.Not.Contains("\n"));
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp["src"]);
        ExternalTool.Result result = ExternalTool.Run("sh", ["-c", "cd \"$0\" && exec rdiff-backup backup \"$@\" src dst", temp.Path, .. arguments], input: null);
        Assert.That(result.ExitCode != 0, Is.EqualTo(rdiffBackupFails), result.Error);
    }

    [Test]
    public void AFilelistPathOutsideTheSourceIsAnError()
    {
        using var temp = new TempDirectory();
        string list = temp.Write("list", Encoding.UTF8.GetBytes("src/a\nelsewhere/b\n"));
        Assert.That(() => Compile("--include-filelist", list, "--exclude", "**"),
            Throws.TypeOf<SelectionException>().With.Message.Contains("elsewhere/b"));
    }

    /// <summary>These rules never look at the disk.</summary>
    private sealed class NoDisk : IDirectoryProbe
    {
        public bool Holds(RelPath directory, ReadOnlySpan<byte> name) => throw new AssertionException("no disk");

        public bool IsReadable(RelPath directory) => throw new AssertionException("no disk");

        public bool HasCacheTag(RelPath directory) => throw new AssertionException("no disk");
    }
}
