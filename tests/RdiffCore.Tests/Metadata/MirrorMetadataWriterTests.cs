using System.Text;
using RdiffCore.Metadata;
using RdiffCore.Model;

namespace RdiffCore.Tests.Metadata;

public sealed class MirrorMetadataWriterTests
{
    [Test]
    public void Writes_the_worked_example_snapshot_byte_for_byte()
    {
        byte[] written = WorkedExample.Write(WorkedExample.Session1());

        Assert.That(Encoding.UTF8.GetString(written), Is.EqualTo(Encoding.UTF8.GetString(WorkedExample.Session1Text())));
    }

    [Test]
    public void Writes_type_None_as_two_lines()
    {
        byte[] written = WorkedExample.Write([MetadataRecord.Absent(RelPath.FromString("newfile"))]);

        Assert.That(written, Is.EqualTo("File newfile\n  Type None\n"u8.ToArray()));
    }

    [Test]
    public void Writes_a_missing_owner_name_as_a_colon_and_sockets_and_block_devices()
    {
        MetadataRecord[] records =
        [
            new() { Path = RelPath.FromString("blk"), Kind = FileKind.BlockDevice, DeviceMajor = 8, DeviceMinor = 17, Uid = 1234, Gid = 5678, Permissions = 432, ModTime = 99 },
            new() { Path = RelPath.FromString("chr"), Kind = FileKind.CharDevice, DeviceMajor = 1, DeviceMinor = 3, Permissions = 438, ModTimeUnknown = true },
            new() { Path = RelPath.FromString("sock"), Kind = FileKind.Socket, Uid = 1, UserName = "daemon", Gid = 4294967294, Permissions = 493, ModTime = -5 },
            new() { Path = RelPath.FromString("x"), Kind = FileKind.Regular, Size = 0, UserName = "ü", GroupName = "g", AlternateMirrorName = "7", AlternateIncrementName = "8" },
        ];

        string text = Encoding.UTF8.GetString(WorkedExample.Write(records));

        Assert.That(text, Is.EqualTo(
            "File blk\n  Type dev\n  DeviceNum b 8 17\n  ModTime 99\n  Uid 1234\n  Uname :\n  Gid 5678\n  Gname :\n  Permissions 432\n" +
            "File chr\n  Type dev\n  DeviceNum c 1 3\n  Uid 0\n  Uname :\n  Gid 0\n  Gname :\n  Permissions 438\n" +
            "File sock\n  Type sock\n  ModTime -5\n  Uid 1\n  Uname daemon\n  Gid 4294967294\n  Gname :\n  Permissions 493\n" +
            "File x\n  Type reg\n  Size 0\n  ModTime 0\n  Uid 0\n  Uname ü\n  Gid 0\n  Gname g\n  Permissions 0\n  AlternateMirrorName 7\n"),
            "ModTime for devices unless it is unknown (read from rdiff-backup); at most one alternate name, the mirror one first");
    }

    [Test]
    public void Quotes_newlines_and_backslashes_in_names_and_symlink_targets_and_nothing_else()
    {
        byte[] oddName = [.. "dir/File x\\y \n"u8, 0xff, 0xfe, .. " é"u8];
        var record = new MetadataRecord
        {
            Path = new RelPath(oddName),
            Kind = FileKind.Symlink,
            SymlinkTarget = [.. "../tar\nget\\"u8, 0x80],
            Permissions = 511,
        };

        byte[] written = WorkedExample.Write([record]);

        byte[] expected =
        [
            .. "File dir/File x\\\\y \\n"u8, 0xff, 0xfe, .. " é\n  Type sym\n"u8,
            .. "  SymData ../tar\\nget\\\\"u8, 0x80, .. "\n  Uid 0\n  Uname :\n  Gid 0\n  Gname :\n  Permissions 511\n"u8,
        ];
        Assert.That(written, Is.EqualTo(expected));
        Assert.That(WorkedExample.Read(written).Single().HasSameMirrorFields(record), Is.True, "reads back equal");
    }

    [Test]
    public void Hard_link_fields_only_above_one_link()
    {
        var single = new MetadataRecord { Path = RelPath.FromString("a"), Kind = FileKind.Regular, Size = 1, HardLinkCount = 1, Inode = 5, DeviceLoc = 6 };

        string text = Encoding.UTF8.GetString(WorkedExample.Write([single]));

        Assert.That(text, Does.Not.Contain("NumHardLinks").And.Not.Contain("Inode"));
    }

    [Test]
    public void Streams_records_out_in_large_pieces_as_they_come()
    {
        using var output = new CountingStream();
        using var writer = new MirrorMetadataWriter(output, leaveOpen: true);
        var record = WorkedExample.Session1()[6];
        int written = 0;
        while (output.Writes == 0)
        {
            writer.Write(record);
            written++;
        }

        Assert.That(output.BytesWritten, Is.GreaterThanOrEqualTo(60 * 1024), "no line-by-line writes");
        Assert.That(written, Is.LessThan(1000), "nothing waits for the end");
    }

    private sealed class CountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public long BytesWritten { get; private set; }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            BytesWritten += count;
            base.Write(buffer, offset, count);
        }
    }
}
