using System.Globalization;
using Microsoft.Win32.SafeHandles;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Platform.Posix;

/// <summary>LStat, FStat, ReadDirectory and ReadLink against stat, find and readlink.</summary>
public sealed class PosixFsTests
{
    private const string StatFormat = "%F|%a|%u|%g|%s|%h|%i|%d|%t|%T|%.9Y|%.9X|%b|%B";

    private static IEnumerable<TestCaseData> Kinds()
    {
        yield return new TestCaseData(nameof(FileKind.Regular), "regular file").SetName("LStat of a regular file");
        yield return new TestCaseData(nameof(FileKind.Directory), "directory").SetName("LStat of a directory");
        yield return new TestCaseData(nameof(FileKind.Symlink), "symbolic link").SetName("LStat of a symlink");
        yield return new TestCaseData(nameof(FileKind.Fifo), "fifo").SetName("LStat of a fifo");
        yield return new TestCaseData(nameof(FileKind.Socket), "socket").SetName("LStat of a socket");
        yield return new TestCaseData(nameof(FileKind.CharDevice), "character special file").SetName("LStat of a char device");
        yield return new TestCaseData(nameof(FileKind.BlockDevice), "block special file").SetName("LStat of a block device");
    }

    [TestCaseSource(nameof(Kinds))]
    public void LStat_agrees_with_stat(string kindName, string statType)
    {
        FileKind kind = Enum.Parse<FileKind>(kindName);
        using var temp = new TempDirectory();
        byte[] path = BytePath.Join(temp.Path, "it"u8);
        switch (kind)
        {
            case FileKind.Regular:
                temp.Write("it", new byte[5000]);
                break;
            case FileKind.Directory:
                PosixFs.MkDir(path, 0b111_101_000);
                break;
            case FileKind.Symlink:
                PosixFs.Symlink("some/target"u8, path);
                break;
            case FileKind.CharDevice or FileKind.BlockDevice:
                Assume.That(Environment.UserName, Is.EqualTo("root"), "mknod of a device needs root");
                // Numbers above 255 and 4095 use every part of the dev_t encoding.
                PosixFs.MkNod(path, kind, 0b110_100_000, 300, 70000);
                break;
            default:
                PosixFs.MkNod(path, kind, 0b110_100_000, 0, 0);
                break;
        }
        PosixFs.SetTimes(path, 1_500_000_000, 1_600_000_000, noFollow: true);
        PosixFs.LChown(path, 12345, 23456);

        FileStatus status = PosixFs.LStat(path);
        string[] stat = SystemTool.Line("stat", "-c", StatFormat, temp["it"]).Split('|');

        Assert.That(status.Kind, Is.EqualTo(kind));
        Assert.That(stat[0], Is.EqualTo(statType).Or.EqualTo("regular empty file"));
        Assert.That(Convert.ToString(status.Permissions, 8), Is.EqualTo(stat[1]), "permissions");
        Assert.That((status.Uid, status.Gid), Is.EqualTo((uint.Parse(stat[2], CultureInfo.InvariantCulture), uint.Parse(stat[3], CultureInfo.InvariantCulture))));
        Assert.That((status.Uid, status.Gid), Is.EqualTo((12345u, 23456u)));
        Assert.That(status.Size.ToString(CultureInfo.InvariantCulture), Is.EqualTo(stat[4]), "size");
        Assert.That(status.LinkCount.ToString(CultureInfo.InvariantCulture), Is.EqualTo(stat[5]), "links");
        Assert.That(status.Inode.ToString(CultureInfo.InvariantCulture), Is.EqualTo(stat[6]), "inode");
        Assert.That(status.Device.ToString(CultureInfo.InvariantCulture), Is.EqualTo(stat[7]), "device");
        Assert.That(status.RdevMajor.ToString("x", CultureInfo.InvariantCulture), Is.EqualTo(stat[8]), "rdev major");
        Assert.That(status.RdevMinor.ToString("x", CultureInfo.InvariantCulture), Is.EqualTo(stat[9]), "rdev minor");
        Assert.That($"{status.ModTimeSeconds}.{status.ModTimeNanoseconds:D9}", Is.EqualTo(stat[10]).And.EqualTo("1600000000.000000000"));
        Assert.That($"{status.AccessTimeSeconds}.{status.AccessTimeNanoseconds:D9}", Is.EqualTo(stat[11]).And.EqualTo("1500000000.000000000"));
        Assert.That(status.Blocks * 512, Is.EqualTo(long.Parse(stat[12], CultureInfo.InvariantCulture) * long.Parse(stat[13], CultureInfo.InvariantCulture)), "blocks");
        if (kind is FileKind.CharDevice or FileKind.BlockDevice)
        {
            Assert.That((status.RdevMajor, status.RdevMinor), Is.EqualTo((300u, 70000u)));
        }
    }

    [Test]
    public void Device_inode_and_link_count_are_what_stat_reports_for_hard_links()
    {
        using var temp = new TempDirectory();
        temp.Write("a", "x"u8);
        PosixFs.Link(BytePath.Join(temp.Path, "a"u8), BytePath.Join(temp.Path, "b"u8));

        foreach (string name in new[] { "a", "b" })
        {
            FileStatus status = PosixFs.LStat(BytePath.Of(temp[name]));
            Assert.That(FormattableString.Invariant($"{status.Device} {status.Inode} {status.LinkCount}"), Is.EqualTo(SystemTool.Line("stat", "-c", "%d %i %h", temp[name])));
            Assert.That(status.LinkCount, Is.EqualTo(2UL));
        }
    }

    [Test]
    public void FStat_of_an_open_file_or_directory_equals_LStat_of_its_path()
    {
        using var temp = new TempDirectory();
        byte[] file = BytePath.Of(temp.Write("f", new byte[12345]));
        byte[] directory = BytePath.Of(temp.Path);

        using SafeFileHandle fileHandle = PosixFs.OpenRead(file);
        using SafeFileHandle directoryHandle = PosixFs.OpenDirectory(directory);

        Assert.That(PosixFs.FStat(fileHandle), Is.EqualTo(PosixFs.LStat(file)));
        Assert.That(PosixFs.FStat(directoryHandle), Is.EqualTo(PosixFs.LStat(directory)));
        Assert.That(PosixFs.FStat(fileHandle).Size, Is.EqualTo(12345L));
    }

    [Test]
    public void ReadDirectory_lists_what_find_lists_across_many_getdents_calls()
    {
        using var temp = new TempDirectory();
        byte[] directory = BytePath.Of(temp.Path);
        for (int i = 0; i < 1500; i++)
        {
            // About 130 bytes a record: a listing of roughly 200 KiB, several 32 KiB reads.
            byte[] name = BytePath.Of(string.Create(CultureInfo.InvariantCulture, $"{i:D5}-{new string('n', 100)}"));
            PosixFs.CreateNew(BytePath.Join(directory, name), 0b110_000_000).Dispose();
        }
        PosixFs.MkDir(BytePath.Join(directory, "sub"u8), 0b111_000_000);
        PosixFs.Symlink("sub"u8, BytePath.Join(directory, "link"u8));

        List<byte[]> names = PosixFs.ReadDirectory(directory);

        Assert.That(names, Has.Count.EqualTo(1502));
        // Sorted and compared in order: Is.EquivalentTo over 1500 arrays takes minutes.
        Assert.That(Sorted(names), Is.EqualTo(Sorted(SystemTool.FindNames(temp.Path))));
        Assert.That(PosixFs.ReadDirectory(BytePath.Join(directory, "sub"u8)), Is.Empty, "no . or ..");
    }

    [Test]
    public void ReadLink_returns_a_long_target_made_by_ln()
    {
        using var temp = new TempDirectory();
        string target = string.Join('/', Enumerable.Range(0, 20).Select(i => new string((char)('a' + i), 199)));
        ExternalTool.Succeed("ln", "-s", target, temp["link"]);

        byte[] read = PosixFs.ReadLink(BytePath.Of(temp["link"]));

        Assert.That(read, Has.Length.EqualTo(3999));
        Assert.That(read, Is.EqualTo(BytePath.Of(target)));
    }

    [Test]
    public void Symlink_makes_a_long_binary_target_that_readlink_reads_back()
    {
        using var temp = new TempDirectory();
        byte[] target = [.. Enumerable.Repeat((byte)0xff, 3000), (byte)'\n', .. Enumerable.Repeat((byte)'t', 1000)];

        PosixFs.Symlink(target, BytePath.Of(temp["link"]));

        Assert.That(ExternalTool.Succeed("readlink", "-z", temp["link"]).Output, Is.EqualTo((byte[])[.. target, 0]));
        Assert.That(PosixFs.ReadLink(BytePath.Of(temp["link"])), Is.EqualTo(target));
        Assert.That(PosixFs.LStat(BytePath.Of(temp["link"])).Size, Is.EqualTo(4001L));
    }

    [Test]
    public void ReadLink_of_a_file_that_is_no_symlink_is_EINVAL()
    {
        using var temp = new TempDirectory();
        string file = temp.Write("f", "x"u8);

        var error = Assert.Throws<PosixException>(() => PosixFs.ReadLink(BytePath.Of(file)));

        Assert.That(error!.Errno, Is.EqualTo(Errno.EINVAL));
        Assert.That(error.Operation, Is.EqualTo("readlink"));
    }

    private static List<string> Sorted(List<byte[]> names) => [.. names.Select(Convert.ToHexString).Order(StringComparer.Ordinal)];
}
