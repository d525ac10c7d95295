using System.Text;
using Microsoft.Win32.SafeHandles;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Platform.Posix;

/// <summary>Calls confined to a tree: a symlink or ".." inside it never leads a call outside.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RootedTreeTests
{
    private static byte[] B(string path) => Encoding.UTF8.GetBytes(path);

    [Test]
    public void Calls_on_names_below_the_root_work_as_plain_calls()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp["root/d"]);
        using RootedTree tree = RootedTree.Open(B(temp["root"]));

        using (SafeFileHandle file = tree.CreateNew(B(temp["root/d/f"]), 0b110_100_100))
        {
            PosixFs.Fsync(file);
        }
        tree.Chmod(B(temp["root/d/f"]), 0b100_000_000);
        tree.SetTimes(B(temp["root/d/f"]), 1000, 2000);
        tree.Symlink(B("/etc/passwd"), B(temp["root/d/l"]));
        tree.MkDir(B(temp["root/e"]), 0b111_000_000);
        tree.Rename(B(temp["root/d/f"]), B(temp["root/e/g"]));
        tree.Link(B(temp["root/e/g"]), B(temp["root/d/h"]));

        Assert.That(tree.LStat(B(temp["root/e/g"])).Permissions, Is.EqualTo(0b100_000_000));
        Assert.That(tree.LStat(B(temp["root/e/g"])).ModTimeSeconds, Is.EqualTo(2000));
        Assert.That(tree.LStat(B(temp["root/e/g"])).LinkCount, Is.EqualTo(2));
        Assert.That(tree.ReadLink(B(temp["root/d/l"])), Is.EqualTo(B("/etc/passwd")));
        Assert.That(tree.ReadDirectory(B(temp["root/d"])).Select(n => Encoding.UTF8.GetString(n)).Order(), Is.EqualTo(new[] { "h", "l" }));
        Assert.That(tree.TryLStat(B(temp["root/nothing/x"]), out _), Is.False);

        tree.RemoveTree(B(temp["root/d"]));
        Assert.That(Directory.Exists(temp["root/d"]), Is.False);
        Assert.That(File.Exists("/etc/passwd"), Is.True);
    }

    [Test]
    public void A_symlinked_directory_inside_the_tree_is_never_followed()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp["root"]);
        Directory.CreateDirectory(temp["outside"]);
        File.WriteAllText(temp["outside/victim"], "keep");
        File.CreateSymbolicLink(temp["root/d"], temp["outside"]);
        using RootedTree tree = RootedTree.Open(B(temp["root"]));

        Assert.Multiple(() =>
        {
            Assert.That(() => tree.Unlink(B(temp["root/d/victim"])), Throws.TypeOf<PosixException>().With.Property("Errno").AnyOf(Errno.ELOOP, Errno.ENOTDIR));
            Assert.That(() => tree.OpenRead(B(temp["root/d/victim"])), Throws.TypeOf<PosixException>());
            Assert.That(() => tree.CreateNew(B(temp["root/d/new"]), 0b110_000_000), Throws.TypeOf<PosixException>());
            Assert.That(() => tree.Chmod(B(temp["root/d"]), 0b111_111_111), Throws.TypeOf<PosixException>(), "chmod of the link itself is refused, not passed to its target");
            Assert.That(() => tree.ReadDirectory(B(temp["root/d"])), Throws.TypeOf<PosixException>());
        });
        tree.SetTimes(B(temp["root/d"]), 5, 5);
        tree.RemoveTree(B(temp["root/d"]));

        Assert.That(File.ReadAllText(temp["outside/victim"]), Is.EqualTo("keep"));
        Assert.That(new DirectoryInfo(temp["outside"]).LastWriteTimeUtc.Year, Is.Not.EqualTo(1970));
        Assert.That(Path.Exists(temp["root/d"]), Is.False, "the link itself is removed");
    }

    [TestCase("root/../outside/victim")]
    [TestCase("root/a/../../outside/victim")]
    [TestCase("root/..")]
    public void Dot_dot_never_leaves_the_tree(string path)
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp["root/a"]);
        Directory.CreateDirectory(temp["outside"]);
        File.WriteAllText(temp["outside/victim"], "keep");
        using RootedTree tree = RootedTree.Open(B(temp["root"]));

        Assert.That(() => tree.Unlink(B(Path.Combine(temp.Path, path))), Throws.TypeOf<PosixException>());
        Assert.That(File.ReadAllText(temp["outside/victim"]), Is.EqualTo("keep"));
    }

    [Test]
    public void A_path_outside_the_tree_is_a_programming_error()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp["root"]);
        using RootedTree tree = RootedTree.Open(B(temp["root"]));

        Assert.That(() => tree.Unlink(B(temp["rootx/f"])), Throws.InvalidOperationException);
    }

    [Test]
    public void A_kept_parent_is_dropped_after_a_rename()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp["root/a"]);
        Directory.CreateDirectory(temp["root/b"]);
        using RootedTree tree = RootedTree.Open(B(temp["root"]));
        tree.MkDir(B(temp["root/a/x"]), 0b111_000_000);
        tree.Rename(B(temp["root/a"]), B(temp["root/c"]));
        tree.Rename(B(temp["root/b"]), B(temp["root/a"]));
        tree.MkDir(B(temp["root/a/y"]), 0b111_000_000);

        Assert.That(Directory.Exists(temp["root/c/x"]), Is.True);
        Assert.That(Directory.Exists(temp["root/a/y"]), Is.True, "the second a/ is the renamed b/, not the kept handle of the first");
        Assert.That(Directory.Exists(temp["root/c/y"]), Is.False);
    }

    [Test]
    public void Chmod_before_Linux_6_6_changes_a_file_and_refuses_a_symlink()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp["f"], "x");
        File.WriteAllText(temp["target"], "x");
        File.SetUnixFileMode(temp["target"], UnixFileMode.UserRead);
        File.CreateSymbolicLink(temp["l"], temp["target"]);
        using DirectoryHandle directory = DirectoryHandle.OpenRoot(B(temp.Path));

        directory.ChmodThroughProc(B("f"), 0b111_101_000);

        Assert.That(File.GetUnixFileMode(temp["f"]), Is.EqualTo((UnixFileMode)0b111_101_000));
        Assert.That(() => directory.ChmodThroughProc(B("l"), 0b111_111_111), Throws.TypeOf<PosixException>());
        Assert.That(File.GetUnixFileMode(temp["target"]), Is.EqualTo(UnixFileMode.UserRead), "the link's target is untouched");
    }
}
