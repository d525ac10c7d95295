using System.Text;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Reporting;
using RdiffCore.Source;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Source;

/// <summary>
/// The walk through directory handles, on real trees changed at chosen moments: the walk is lazy,
/// so the test changes the tree between two entries, after a directory's lstat and before its listing.
/// </summary>
public sealed class SourceWalkerTests
{
    [Test]
    public void A_directory_swapped_for_a_symlink_after_its_lstat_is_not_entered()
    {
        using var temp = new TempDirectory();
        string src = temp["src"], outside = temp["outside"];
        Directory.CreateDirectory(Path.Combine(src, "d"));
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(src, "a"), "a");
        File.WriteAllText(Path.Combine(src, "d", "inside"), "in");
        File.WriteAllText(Path.Combine(outside, "secret"), "s");

        var errors = new RecordedErrors();
        var seen = new List<SourceEntry>();
        foreach (SourceEntry entry in Walker(src, errors).Walk())
        {
            seen.Add(entry);
            if (entry.Record.Path == RelPath.FromString("a"))
            {
                Directory.Move(Path.Combine(src, "d"), temp["d-moved"]);
                File.CreateSymbolicLink(Path.Combine(src, "d"), outside);
            }
        }

        Assert.That(seen.Select(e => e.Record.Path.ToString()), Is.EqualTo(new[] { ".", "a", "d" }), "nothing below d, from either side");
        Assert.That(seen[2].ListFailed, Is.True, "d keeps its previous contents");
        Assert.That(errors.Lines, Has.Count.EqualTo(1));
        // open(O_DIRECTORY | O_NOFOLLOW) of a symlink: ENOTDIR (or ELOOP), never the target.
        Assert.That(errors.Lines[0], Does.Match(@"^ListError d \[Errno (20|40)\] ").And.EndWith("/src/d'"));
    }

    [Test]
    public void A_directory_replaced_by_another_one_after_its_lstat_is_reported_and_not_listed()
    {
        using var temp = new TempDirectory();
        string src = temp["src"];
        Directory.CreateDirectory(Path.Combine(src, "d"));
        File.WriteAllText(Path.Combine(src, "a"), "a");
        File.WriteAllText(Path.Combine(src, "d", "old"), "old");

        var errors = new RecordedErrors();
        var seen = new List<SourceEntry>();
        foreach (SourceEntry entry in Walker(src, errors).Walk())
        {
            seen.Add(entry);
            if (entry.Record.Path == RelPath.FromString("a"))
            {
                Directory.Move(Path.Combine(src, "d"), temp["d-moved"]);
                Directory.CreateDirectory(Path.Combine(src, "d"));
                File.WriteAllText(Path.Combine(src, "d", "new"), "new");
            }
        }

        Assert.That(seen.Select(e => e.Record.Path.ToString()), Is.EqualTo(new[] { ".", "a", "d" }));
        Assert.That(seen[2].ListFailed, Is.True);
        Assert.That(errors.Lines, Has.Count.EqualTo(1));
        Assert.That(errors.Lines[0], Does.StartWith("ListError d '").And.Contain("was replaced while the backup read it"));
    }

    [Test]
    public void A_tree_deeper_than_the_open_handles_is_walked_whole_with_few_descriptors()
    {
        using var temp = new TempDirectory();
        const int depth = 1000;
        string src = temp["src"];
        Directory.CreateDirectory(src);
        // Each level: the directory "n" going deeper, and a file "z" visited after it, which needs
        // the level's handle again once the walk climbs back (by then closed, and opened again).
        using (var fd = new DirectoryCursor(src))
        {
            for (int i = 0; i < depth; i++)
            {
                fd.WriteFile("z", $"level {i}");
                fd.Descend("n");
            }
        }

        int before = OpenDescriptors();
        int most = 0;
        var errors = new RecordedErrors();
        var paths = new List<RelPath>();
        foreach (SourceEntry entry in Walker(src, errors).Walk())
        {
            paths.Add(entry.Record.Path);
            most = Math.Max(most, OpenDescriptors() - before);
        }

        Assert.That(errors.Lines, Is.Empty);
        Assert.That(paths, Has.Count.EqualTo(2 * depth + 1));
        Assert.That(paths, Is.Ordered.Using(RelPathComparer.Instance), "the canonical order");
        Assert.That(paths[^1].ToString(), Is.EqualTo("z"), "the top level's file comes last, read through the root's handle");
        Assert.That(most, Is.LessThan(100), "descriptors stay bounded, whatever the depth");
    }

    private static SourceWalker Walker(string src, IFileErrors errors) =>
        new(Encoding.UTF8.GetBytes(src), new SourceOptions(Xattrs: true, Acls: true, HardLinks: true), new OwnerNames(), errors);

    private static int OpenDescriptors() => Directory.GetFiles("/proc/self/fd").Length;

    private sealed class RecordedErrors : IFileErrors
    {
        public List<string> Lines { get; } = [];

        public int Count => Lines.Count;

        public void Report(string type, RelPath path, string message) => Lines.Add($"{type} {path} {message}");
    }

    /// <summary>Builds a tree deeper than PATH_MAX allows to name, one directory handle at a time.</summary>
    private sealed class DirectoryCursor(string root) : IDisposable
    {
        private DirectoryHandle _current = DirectoryHandle.OpenRoot(Encoding.UTF8.GetBytes(root));

        public void WriteFile(string name, string text)
        {
            using var file = new FileStream(_current.CreateNew(Encoding.UTF8.GetBytes(name), 0b110_100_100), FileAccess.Write);
            file.Write(Encoding.UTF8.GetBytes(text));
        }

        public void Descend(string name)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(name);
            _current.MkDir(bytes, 0b111_101_101);
            DirectoryHandle next = _current.OpenBelow(bytes);
            _current.Dispose();
            _current = next;
        }

        public void Dispose() => _current.Dispose();
    }
}
