using RdiffCore.Model;
using RdiffCore.Remote.Wire;

namespace RdiffCore.Tests.Remote;

public sealed class RecordCodecTests
{
    private static readonly MetadataRecord Full = new()
    {
        Path = new RelPath([(byte)'d', (byte)'/', 0xff, (byte)'n']),
        Kind = FileKind.Regular,
        Size = 1L << 40,
        Sha1 = [.. Enumerable.Range(1, 20).Select(i => (byte)i)],
        HardLinkCount = 3,
        Inode = ulong.MaxValue,
        DeviceLoc = 2049,
        ModTime = -86400,
        Uid = 4_000_000_000,
        Gid = 7,
        UserName = "ünï",
        GroupName = null,
        Permissions = 0b111_111_111_111,
        Xattrs = [new Xattr("user.a"u8.ToArray(), [0, 1, 255]), new Xattr("user.empty"u8.ToArray(), [])],
        Acl = [new AclEntry(false, AclTag.User, "backup", 6), new AclEntry(true, AclTag.Mask, null, 7)],
    };

    [Test]
    public void Every_field_survives_the_trip()
    {
        MetadataRecord[] records =
        [
            Full,
            MetadataRecord.Absent(RelPath.Root) with { Kind = FileKind.Directory, ModTime = 1_700_000_000, Permissions = 0b111_101_101 },
            new() { Path = new RelPath("l"u8.ToArray()), Kind = FileKind.Symlink, SymlinkTarget = "../../x"u8.ToArray() },
            new() { Path = new RelPath("dev"u8.ToArray()), Kind = FileKind.BlockDevice, DeviceMajor = 8, DeviceMinor = 1, ModTimeUnknown = true },
        ];
        foreach (MetadataRecord record in records)
        {
            MetadataRecord back = Trip(record);

            Assert.That(back.HasSameMirrorFields(record), Is.True, record.Path.ToString());
            Assert.That(back.HasSameXattrs(record) && back.HasSameAcl(record), Is.True);
        }
    }

    [TestCase("..")]
    [TestCase("../x")]
    [TestCase("/etc")]
    [TestCase("a//b")]
    [TestCase("a/./b")]
    [TestCase("")]
    public void A_path_that_leaves_the_tree_is_refused(string path)
    {
        var message = new MessageWriter();
        RecordCodec.Write(message, Full);
        byte[] payload = message.Payload.ToArray();
        // The path is the first field: swap it for the hostile one, keep the rest.
        var hostile = new MessageWriter().Bytes(System.Text.Encoding.ASCII.GetBytes(path));
        byte[] rest = payload[(1 + Full.Path.Bytes.Length)..];

        var error = Assert.Throws<ProtocolException>(() => Read([.. hostile.Payload, .. rest]));
        Assert.That(error!.Message, Does.Contain("not one plain relative path"));
    }

    [Test]
    public void Lengths_beyond_the_kernel_limits_are_refused()
    {
        MetadataRecord[] hostile =
        [
            Full with { Xattrs = [new Xattr(new byte[256], [])] },
            Full with { Xattrs = [new Xattr("user.big"u8.ToArray(), new byte[65537])] },
            Full with { Kind = FileKind.Symlink, SymlinkTarget = new byte[4096] },
            Full with { Kind = FileKind.Symlink, SymlinkTarget = [] },
            Full with { SymlinkTarget = "x"u8.ToArray() },
            Full with { Sha1 = new byte[19] },
            Full with { UserName = new string('u', 300) },
            Full with { Xattrs = [.. Enumerable.Range(0, 4097).Select(i => new Xattr(System.Text.Encoding.ASCII.GetBytes($"user.{i}"), []))] },
        ];
        foreach (MetadataRecord record in hostile)
        {
            Assert.Throws<ProtocolException>(() => Trip(record));
        }
    }

    [Test]
    public void A_cut_message_is_refused_at_every_length()
    {
        var message = new MessageWriter();
        RecordCodec.Write(message, Full);
        byte[] payload = message.Payload.ToArray();

        for (int cut = 0; cut < payload.Length; cut++)
        {
            Assert.Throws<ProtocolException>(() => Read(payload[..cut]), $"cut at {cut}");
        }
    }

    private static MetadataRecord Trip(MetadataRecord record)
    {
        var message = new MessageWriter();
        RecordCodec.Write(message, record);
        return Read(message.Payload.ToArray());
    }

    private static MetadataRecord Read(byte[] payload)
    {
        var reader = new MessageReader(payload, "peer");
        MetadataRecord record = RecordCodec.Read(ref reader, "peer");
        reader.End();
        return record;
    }
}
