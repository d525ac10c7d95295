using System.Text;
using RdiffCore.Platform.Posix;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Platform.Posix;

/// <summary>What the source walk asks of a directory handle: subdirectories opened by name, long paths below, xattrs by name.</summary>
public sealed class DirectoryHandleListingTests
{
    private static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    [Test]
    public void A_subdirectory_is_opened_and_listed_by_name_and_a_symlink_in_its_place_is_refused()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp["root/d"]);
        File.WriteAllText(temp["root/d/f"], "f");
        Directory.CreateDirectory(temp["outside"]);
        File.CreateSymbolicLink(temp["root/l"], temp["outside"]);
        using DirectoryHandle root = DirectoryHandle.OpenRoot(B(temp["root"]));

        using (DirectoryHandle d = root.OpenDirectory(B("d")))
        {
            Assert.That(d.Is(root.Stat(B("d"))), Is.True);
            Assert.That(d.Is(root.StatSelf()), Is.False);
            Assert.That(d.ReadNames().Select(Encoding.UTF8.GetString), Is.EqualTo(new[] { "f" }));
            Assert.That(d.ReadNames().Select(Encoding.UTF8.GetString), Is.EqualTo(new[] { "f" }), "a second listing reads it again");
            Assert.That(d.Path, Is.EqualTo(B(temp["root/d"])));
        }
        PosixException refused = Assert.Throws<PosixException>(() => root.OpenDirectory(B("l")).Dispose())!;
        Assert.That(refused.Errno, Is.AnyOf(Errno.ELOOP, Errno.ENOTDIR));
        Assert.That(Assert.Throws<PosixException>(() => root.OpenDirectory(B("d/f")).Dispose())!.Errno, Is.EqualTo(Errno.ENOTDIR));
    }

    [Test]
    public void A_path_below_longer_than_path_max_is_opened_in_steps_with_the_same_rules()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp["root"]);
        Directory.CreateDirectory(temp["outside"]);
        string level = new('n', 200);
        var relative = new StringBuilder();
        try
        {
            using DirectoryHandle root = DirectoryHandle.OpenRoot(B(temp["root"]));
            DirectoryHandle current = root;
            for (int i = 0; i < 25; i++)
            {
                current.MkDir(B(level), 0b111_101_101);
                DirectoryHandle next = current.OpenBelow(B(level));
                if (!ReferenceEquals(current, root))
                {
                    current.Dispose();
                }
                current = next;
                relative.Append(i == 0 ? "" : "/").Append(level);
            }
            current.Symlink(B(temp["outside"]), B("escape"));
            current.Dispose();
            Directory.CreateDirectory(temp["outside/x"]);

            Assert.That(relative.Length, Is.GreaterThan(4096));
            using (DirectoryHandle deep = root.OpenBelow(B(relative.ToString())))
            {
                Assert.That(deep.ReadNames().Select(Encoding.UTF8.GetString), Is.EqualTo(new[] { "escape" }));
            }
            PosixException escaped = Assert.Throws<PosixException>(() => root.OpenBelow(B(relative + "/escape/x")).Dispose())!;
            Assert.That(escaped.Errno, Is.EqualTo(Errno.ELOOP), "a symlink at the end of a long path is still not followed");
        }
        finally
        {
            // rm works one directory at a time, where .NET's recursive delete passes whole paths.
            ExternalTool.Succeed("rm", "-rf", temp["root"]);
        }
    }

    [Test]
    public void Xattrs_are_read_by_name_from_the_name_itself()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp["root"]);
        File.WriteAllText(temp["root/f"], "f");
        File.WriteAllText(temp["target"], "t");
        File.CreateSymbolicLink(temp["root/l"], temp["target"]);
        ExternalTool.Succeed("setfattr", "-n", "user.one", "-v", "1", temp["root/f"]);
        ExternalTool.Succeed("setfattr", "-n", "user.target", "-v", "t", temp["target"]);
        using DirectoryHandle root = DirectoryHandle.OpenRoot(B(temp["root"]));

        Assert.That(root.ListXattrs(B("f")).Select(Encoding.UTF8.GetString), Does.Contain("user.one"));
        Assert.That(root.GetXattr(B("f"), B("user.one")), Is.EqualTo(B("1")));
        Assert.That(root.GetXattr(B("f"), B("user.none")), Is.Null);
        Assert.That(root.ListXattrs(B("l")).Select(Encoding.UTF8.GetString), Does.Not.Contain("user.target"), "the symlink's own, not its target's");
        Assert.That(Assert.Throws<PosixException>(() => root.ListXattrs(B("missing")))!.Errno, Is.EqualTo(Errno.ENOENT));
    }
}
