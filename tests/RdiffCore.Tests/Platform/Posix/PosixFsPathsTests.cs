using System.Text;
using RdiffCore.Platform.Posix;

namespace RdiffCore.Tests.Platform.Posix;

/// <summary>CurrentDirectory against .NET's view of it; AbsolutePath resolves names without decoding them.</summary>
public sealed class PosixFsPathsTests
{
    [Test]
    public void CurrentDirectory_is_the_processes()
    {
        Assert.That(Encoding.UTF8.GetString(PosixFs.CurrentDirectory()), Is.EqualTo(Environment.CurrentDirectory));
    }

    [Test]
    public void A_relative_path_joins_the_current_directory_byte_for_byte()
    {
        byte[] cwd = PosixFs.CurrentDirectory();
        byte[] parent = cwd[..Math.Max(1, Array.LastIndexOf(cwd, (byte)'/'))];
        // "a/./b\xff/../c\xfe//d/": not UTF-8, with ".", "..", a doubled and a trailing '/'.
        byte[] relative = [.. "a/./b"u8, 0xff, .. "/../c"u8, 0xfe, .. "//d/"u8];
        Assert.Multiple(() =>
        {
            Assert.That(PosixFs.AbsolutePath(relative), Is.EqualTo((byte[])[.. cwd, .. "/a/c"u8, 0xfe, .. "/d"u8]));
            Assert.That(PosixFs.AbsolutePath("/x/y/"u8.ToArray()), Is.EqualTo("/x/y"u8.ToArray()), "an absolute path only loses its trailing '/'");
            Assert.That(PosixFs.AbsolutePath("."u8.ToArray()), Is.EqualTo(cwd));
            Assert.That(PosixFs.AbsolutePath(".."u8.ToArray()), Is.EqualTo(parent));
            Assert.That(PosixFs.AbsolutePath([.. Enumerable.Repeat("../"u8.ToArray(), 200).SelectMany(b => b)]), Is.EqualTo("/"u8.ToArray()), "'..' stops at the root");
        });
    }
}
