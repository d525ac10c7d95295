using System.Text;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Selection;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Selection;

/// <summary>
/// Each case runs rdiff-backup 2.2.2 with selection options on one tree and requires our selection,
/// over a walk of the same tree, to keep exactly the paths rdiff-backup's mirror holds.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SelectionOracleTests
{
    private TempDirectory? _temp;
    private bool _mounted;

    private string Root => _temp!.Path;

    private static IEnumerable<TestCaseData> Cases()
    {
        static TestCaseData Case(string name, params string[] arguments) => new TestCaseData(arguments, null, null, false).SetName(name);
        yield return Case("no rules");
        yield return Case("exclude a directory", "--exclude", "src/a");
        yield return Case("exclude with star", "--exclude", "src/a/*");
        yield return Case("plain include then exclude parent", "--include", "src/a/b", "--exclude", "src/a");
        yield return Case("include deep plain path", "--include", "src/c/deep/x/y.py", "--exclude", "**");
        yield return Case("include src-rooted double star", "--include", "src/**.py", "--exclude", "**");
        yield return Case("include leading double star", "--include", "**.py", "--exclude", "**");
        yield return Case("exclude any b", "--exclude", "**/b");
        yield return Case("include some of a", "--include", "src/a/b/*", "--exclude", "src/a/**");
        yield return Case("question mark", "--exclude", "src/?");
        yield return Case("class", "--exclude", "src/[ab]");
        yield return Case("negated class with bang", "--exclude", "src/[!a]*");
        yield return Case("negated range with caret", "--exclude", "src/[^a-c]*");
        yield return Case("ignorecase include", "--include", "ignorecase:src/mixed.case/*.txt", "--exclude", "**");
        yield return Case("ignorecase exclude", "--exclude", "ignorecase:SRC/A");
        yield return Case("escaped star", "--exclude", "src/star\\*name");
        yield return Case("rule order exclude first", "--exclude", "src/a/h.py", "--include", "src/a/**", "--exclude", "**");
        yield return Case("rule order include first", "--include", "src/a/**", "--exclude", "src/a/h.py", "--exclude", "**");
        yield return Case("scan then exclude of same directory", "--include", "src/c/**/z", "--exclude", "src/c", "--exclude", "src/a");
        yield return Case("include glob that matches nothing", "--include", "src/nothing/*", "--exclude", "**");
        yield return Case("exclude regexp", "--exclude-regexp", "\\.py$");
        yield return Case("include regexp does not scan", "--include-regexp", "deep", "--exclude", "**");
        yield return Case("regexp on odd bytes", "--exclude-regexp", "odd.");
        yield return Case("glob on odd name", "--exclude", "src/odd*");
        yield return Case("include filelist", "--include-filelist", "{root}/lists/include", "--exclude", "**");
        yield return Case("exclude filelist with signs", "--exclude-filelist", "{root}/lists/signed");
        yield return Case("filelist cursor quirk", "--include-filelist", "{root}/lists/cursor", "--exclude", "**");
        yield return Case("null separated filelist", "--null-separator", "--include-filelist", "{root}/lists/include0", "--exclude", "**");
        yield return Case("include globbing filelist", "--include-globbing-filelist", "{root}/lists/globs", "--exclude", "**");
        yield return Case("exclude globbing filelist with signs", "--exclude-globbing-filelist", "{root}/lists/signedglobs");
        yield return Case("null separated globbing filelist", "--null-separator", "--exclude-globbing-filelist", "{root}/lists/globs0");
        yield return new TestCaseData(new[] { "--include-filelist-stdin", "--exclude", "**" }, "src/c/deep\nsrc/small.txt\n", null, false).SetName("filelist from standard input");
        yield return Case("exclude if present", "--exclude-if-present", ".nobackup");
        yield return Case("include if present", "--include-if-present", ".nobackup", "--exclude", "**");
        yield return Case("exclude special files", "--exclude-special-files");
        yield return Case("exclude symbolic links", "--exclude-symbolic-links");
        yield return Case("include symbolic links first", "--include-symbolic-links", "--exclude", "src/*");
        yield return Case("exclude fifos", "--exclude-fifos");
        yield return Case("exclude sockets", "--exclude-sockets");
        yield return Case("exclude device files", "--exclude-device-files");
        yield return Case("max file size", "--max-file-size", "100");
        yield return Case("min file size", "--min-file-size", "10");
        yield return Case("sizes after an include", "--include", "src/big.bin", "--max-file-size", "100");
        yield return Case("exclude other filesystems", "--exclude-other-filesystems");
        yield return Case("nested rdiff-backup-data", "--exclude", "src/d/rdiff-backup-data/y");
        yield return new TestCaseData(new[] { "--include", "{root}/src/c", "--exclude", "**" }, null, null, true).SetName("absolute base");
        yield return new TestCaseData(new[] { "--exclude-caches" }, null, new[] { "--exclude", "src/cache1/data", "--exclude", "src/cache1/sub" }, false)
            .SetName("exclude caches as explicit excludes");
    }

    [OneTimeSetUp]
    public void BuildTree()
    {
        _temp = new TempDirectory();
        _mounted = SelectionTree.Build(Root);
        Directory.CreateDirectory(Path.Combine(Root, "lists"));
        WriteList("include", "src/a/b/f.txt\nsrc/c/deep\nsrc/nothing/here\n");
        WriteList("signed", "- src/a/b\n+ src/a/b/g.py\nsrc/c/deep/x\r\n\n+ src/p1\n");
        WriteList("cursor", "- src/a/b/f.txt\n+ src/a/h.py\n+ src/c/g\n");
        WriteList("include0", "src/a/b/f.txt\0src/new\nline\0src/c/deep/z\0");
        WriteList("globs", "src/a/**.py\n- src/c/deep/x\nsrc/c/**\n");
        WriteList("signedglobs", "+ src/c/deep/*.py\nsrc/c/deep\n- src/p?\n");
        WriteList("globs0", "src/a/b\0+ src/e\0src/e*\0");
    }

    [OneTimeTearDown]
    public void RemoveTree()
    {
        if (_mounted)
        {
            SelectionTree.Unmount(Root);
        }
        ExternalTool.Run("rm", "-rf", Path.Combine(Root, "src"), Path.Combine(Root, "dst"));
        _temp?.Dispose();
    }

    [TestCaseSource(nameof(Cases))]
    public void KeepsWhatRdiffBackupKeeps(string[] arguments, string? standardInput, string[]? oracleArguments, bool absolute)
    {
        string[] ours = [.. arguments.Select(Expand)];
        string[] theirs = [.. (oracleArguments ?? arguments).Select(Expand)];
        string source = absolute ? Path.Combine(Root, "src") : "src";
        string destination = Path.Combine(Root, "dst");
        // rm, because .NET cannot name the entries that are not UTF-8.
        ExternalTool.Succeed("rm", "-rf", destination);
        byte[]? input = standardInput is null ? null : Encoding.UTF8.GetBytes(standardInput);
        string[] global = theirs.Contains("--null-separator") ? ["--null-separator"] : [];
        string[] command = [.. global, "backup", .. theirs.Where(a => a != "--null-separator"), source, destination];
        ExternalTool.Result result = RunIn(Root, command, input);
        Assert.That(result.ExitCode, Is.Zero, $"rdiff-backup {string.Join(' ', command)}: {result.Error}");

        HashSet<RelPath> mirror = [.. SelectionTree.Walk(Encoding.UTF8.GetBytes(destination)).Select(c => c.Path)
            .Where(p => !p.IsAtOrBelow(RelPath.FromString("rdiff-backup-data")))];
        (List<SelectionRule> rules, bool nullSeparator) = SelectionArguments.Parse(ours, input);
        byte[] sourceBytes = Encoding.UTF8.GetBytes(Path.Combine(Root, "src"));
        var settings = new SelectionSettings(Encoding.UTF8.GetBytes(source), PosixFs.LStat(sourceBytes).Device, nullSeparator);
        var selection = RdiffCore.Selection.Selection.Compile(rules, settings, new DirectoryProbe(sourceBytes));
        HashSet<RelPath> selected = [.. SelectionWalk.Filter(SelectionTree.Walk(sourceBytes), c => c, selection).Select(c => c.Path)];

        Assert.That(SelectionTree.Show(selected.Order(RelPathComparer.Instance)), Is.EqualTo(SelectionTree.Show(mirror.Order(RelPathComparer.Instance))));
    }

    private string Expand(string argument) => argument.Replace("{root}", Root, StringComparison.Ordinal);

    private void WriteList(string name, string content) => File.WriteAllBytes(Path.Combine(Root, "lists", name), Encoding.UTF8.GetBytes(content));

    private static ExternalTool.Result RunIn(string directory, string[] arguments, byte[]? input)
    {
        string[] shell = ["-c", "cd \"$0\" && exec rdiff-backup \"$@\"", directory, .. arguments];
        return ExternalTool.Run("sh", shell, input, new Dictionary<string, string> { ["PYTHONIOENCODING"] = "utf-8" });
    }
}
