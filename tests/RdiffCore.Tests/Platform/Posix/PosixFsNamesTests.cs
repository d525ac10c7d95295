using Microsoft.Win32.SafeHandles;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Platform.Posix;

/// <summary>Names that System.IO cannot round-trip go through every call of <see cref="PosixFs"/> unchanged.</summary>
public sealed class PosixFsNamesTests
{
    private static IEnumerable<TestCaseData> OddNames()
    {
        yield return new TestCaseData(new byte[] { (byte)'a', 0xff, (byte)'b' }).SetName("Name with byte 0xFF");
        yield return new TestCaseData("new\nline"u8.ToArray()).SetName("Name with a newline");
        byte[] longest = [.. Enumerable.Repeat((byte)'n', 250), 0xe2, 0x82, 0xac, 0xfe, (byte)'z'];
        yield return new TestCaseData(longest).SetName("Name of 255 bytes");
    }

    [TestCaseSource(nameof(OddNames))]
    public void Every_call_round_trips_the_name(byte[] name)
    {
        using var temp = new TempDirectory();
        byte[] file = BytePath.Join(temp.Path, name);

        using (SafeFileHandle created = PosixFs.CreateNew(file, 0b110_100_000))
        {
            RandomAccess.Write(created, "content"u8, 0);
            PosixFs.Fsync(created);
        }
        Assert.That(PosixFs.ReadDirectory(BytePath.Of(temp.Path)), Is.EqualTo(new[] { name }));
        Assert.That(SystemTool.FindNames(temp.Path), Is.EqualTo(new[] { name }), "find sees the same bytes");

        using (SafeFileHandle written = PosixFs.OpenWrite(file))
        {
            RandomAccess.Write(written, "+"u8, 7);
        }
        using (SafeFileHandle read = PosixFs.OpenRead(file))
        {
            byte[] content = new byte[16];
            int length = RandomAccess.Read(read, content, 0);
            Assert.That(content[..length], Is.EqualTo("content+"u8.ToArray()));
            Assert.That(PosixFs.FStat(read), Is.EqualTo(PosixFs.LStat(file)));
        }

        PosixFs.Chmod(file, 0b110_000_100);
        PosixFs.LChown(file, 65534, 65534);
        PosixFs.SetTimes(file, 1_000_000_000, 1_234_567_890, noFollow: false);
        FileStatus status = PosixFs.LStat(file);
        Assert.That((status.Kind, status.Size, status.Permissions, status.Uid, status.Gid), Is.EqualTo((FileKind.Regular, 8L, 0b110_000_100, 65534u, 65534u)));
        Assert.That((status.AccessTimeSeconds, status.ModTimeSeconds, status.ModTimeNanoseconds), Is.EqualTo((1_000_000_000L, 1_234_567_890L, 0u)));
        Assert.That(ExternalTool.Succeed("find", temp.Path, "-mindepth", "1", "-printf", "%f %m %s %T@\\0").Output,
            Is.EqualTo((byte[])[.. name, .. " 604 8 1234567890.0000000000\0"u8]), "find agrees on mode, size and mtime");

        PosixFs.SetXattr(file, "user.name"u8, name);
        Assert.That(PosixFs.GetXattr(file, "user.name"u8), Is.EqualTo(name));
        Assert.That(PosixFs.ListXattrs(file), Does.Contain("user.name"u8.ToArray()));
        PosixFs.RemoveXattr(file, "user.name"u8);
        Assert.That(PosixFs.GetXattr(file, "user.name"u8), Is.Null);

        byte[] hardLink = BytePath.Join(temp.Path, BytePath.Sibling(name, 'H'));
        PosixFs.Link(file, hardLink);
        Assert.That(PosixFs.LStat(hardLink).Inode, Is.EqualTo(status.Inode));
        Assert.That(PosixFs.LStat(file).LinkCount, Is.EqualTo(2UL));

        byte[] symlink = BytePath.Join(temp.Path, BytePath.Sibling(name, 'S'));
        PosixFs.Symlink(name, symlink);
        Assert.That(PosixFs.ReadLink(symlink), Is.EqualTo(name));
        PosixFs.SetTimes(symlink, 5, 6, noFollow: true);
        Assert.That(PosixFs.LStat(symlink).ModTimeSeconds, Is.EqualTo(6L));

        byte[] renamed = BytePath.Join(temp.Path, BytePath.Sibling(name, 'R'));
        PosixFs.Rename(file, renamed);
        Assert.That(PosixFs.TryLStat(file, out _), Is.False);
        Assert.That(PosixFs.LStat(renamed).Inode, Is.EqualTo(status.Inode));

        byte[] directory = BytePath.Join(temp.Path, BytePath.Sibling(name, 'D'));
        PosixFs.MkDir(directory, 0b111_000_000);
        byte[] fifo = BytePath.Join(directory, name);
        PosixFs.MkNod(fifo, FileKind.Fifo, 0b110_000_000, 0, 0);
        Assert.That(PosixFs.LStat(fifo).Kind, Is.EqualTo(FileKind.Fifo));
        Assert.That(PosixFs.ReadDirectory(directory), Is.EqualTo(new[] { name }));
        PosixFs.FsyncPath(directory);

        PosixFs.Unlink(fifo);
        PosixFs.RmDir(directory);
        PosixFs.Unlink(renamed);
        PosixFs.Unlink(hardLink);
        PosixFs.Unlink(symlink);
        Assert.That(PosixFs.ReadDirectory(BytePath.Of(temp.Path)), Is.Empty);
    }

    [Test]
    public void A_name_of_256_bytes_is_too_long()
    {
        using var temp = new TempDirectory();
        byte[] path = BytePath.Join(temp.Path, Enumerable.Repeat((byte)'x', 256).ToArray());

        var error = Assert.Throws<PosixException>(() => PosixFs.CreateNew(path, 0b110_000_000).Dispose());

        Assert.That(error!.Errno, Is.EqualTo(Errno.ENAMETOOLONG));
    }

    [Test]
    public void A_path_with_a_nul_byte_is_refused_before_it_reaches_the_kernel()
    {
        using var temp = new TempDirectory();
        byte[] path = BytePath.Join(temp.Path, "a\0b"u8);

        var error = Assert.Throws<PosixException>(() => PosixFs.MkDir(path, 0b111_000_000));

        Assert.That(error!.Errno, Is.EqualTo(Errno.EINVAL));
        Assert.That(error.Message, Does.Contain("a\\x00b"));
        Assert.That(PosixFs.ReadDirectory(BytePath.Of(temp.Path)), Is.Empty, "no directory named 'a' was made");
    }
}
