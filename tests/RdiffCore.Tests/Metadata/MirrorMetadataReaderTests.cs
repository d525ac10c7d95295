using System.Text;
using RdiffCore.Metadata;
using RdiffCore.Model;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Metadata;

public sealed class MirrorMetadataReaderTests
{
    [Test]
    public void Parses_the_worked_example_back_to_the_same_records()
    {
        IReadOnlyList<MetadataRecord> expected = WorkedExample.Session1();

        List<MetadataRecord> read = WorkedExample.Read(WorkedExample.Session1Text());

        Assert.That(read, Has.Count.EqualTo(expected.Count));
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.That(read[i].HasSameMirrorFields(expected[i]), Is.True, $"record {i} ({expected[i].Path})");
        }
        Assert.That(read[0].Path.IsRoot, Is.True, "\".\" is the root");
        Assert.That(read[2].Kind, Is.EqualTo(FileKind.CharDevice));
        Assert.That(read[10].Path.Bytes.ToArray(), Is.EqualTo("new\nline name"u8.ToArray()));
    }

    [Test]
    public void Is_as_tolerant_as_rdiff_backup()
    {
        byte[] text = Encoding.UTF8.GetBytes(
            "garbage before the first record\n" +
            "File a\n  Type reg\n  Size  12 \n  ResourceFork None\n  Futurefield 1 2 3\nnot a field line\n  Uname None\n  Gname :\n\n  Uid 7\n" +
            "File b\nType fifo\n      ModTime 5\n  Permissions 384\n" +
            "File c\n  Type None\n  Size 3\n" +
            "File d\n  Type dir\n  Uname x y");

        List<MetadataRecord> read = WorkedExample.Read(text);

        Assert.That(read.Select(r => r.Path.ToString()), Is.EqualTo(new[] { "a", "b", "c", "d" }));
        Assert.That(read[0].Size, Is.EqualTo(12));
        Assert.That(read[0].UserName, Is.Null, "\"None\" is no name");
        Assert.That(read[0].GroupName, Is.Null, "\":\" is no name");
        Assert.That(read[0].Uid, Is.EqualTo(7));
        Assert.That(read[1].Kind, Is.EqualTo(FileKind.Fifo), "any indentation");
        Assert.That(read[1].ModTime, Is.EqualTo(5));
        Assert.That(read[1].Permissions, Is.EqualTo(384));
        Assert.That(read[2].Kind, Is.EqualTo(FileKind.None), "Type None wins over other fields");
        Assert.That(read[3].UserName, Is.EqualTo("x y"), "the last line needs no newline");
    }

    [Test]
    public void Reads_a_device_mtime_when_the_record_has_one()
    {
        List<MetadataRecord> read = WorkedExample.Read(Encoding.UTF8.GetBytes(
            "File a\n  Type dev\n  DeviceNum c 1 3\n  Permissions 438\n" +
            "File b\n  Type dev\n  DeviceNum b 7 0\n  ModTime 1600000000\n  Permissions 384\n"));

        Assert.Multiple(() =>
        {
            Assert.That(read[0].ModTimeUnknown, Is.True, "rdiff-backup 2.2.2 writes no ModTime for devices");
            Assert.That(read[0].HasModTime, Is.False);
            Assert.That(read[1].ModTimeUnknown, Is.False);
            Assert.That(read[1].HasModTime, Is.True);
            Assert.That(read[1].ModTime, Is.EqualTo(1600000000));
        });
    }

    [TestCase("File a\n  Size 1\n", "has no Type field")]
    [TestCase("File a\n  Type blob\n", "unknown Type 'blob'")]
    [TestCase("File a\n  Type reg\n  Size 1x\n", "bad Size value '1x'")]
    [TestCase("File a\n  Type reg\n  Size -1\n", "bad Size value '-1'")]
    [TestCase("File a\n  Type reg\n  Uid 4294967296\n", "bad Uid value")]
    [TestCase("File a\n  Type reg\n  SHA1Digest abc\n", "SHA1Digest 'abc'")]
    [TestCase("File a\n  Type reg\n  SHA1Digest 938d2c88e25be6bf3247fd29bed19253a9d5d2fz\n", "not 40 hex digits")]
    [TestCase("File a\n  Type dev\n  Uid 0\n", "a device without DeviceNum")]
    [TestCase("File a\n  Type dev\n  DeviceNum x 1 2\n", "neither 'c' nor 'b'")]
    [TestCase("File a\n  Type dev\n  DeviceNum c 1\n", "is not '<c|b> <major> <minor>'")]
    [TestCase("File new\\nline\n  Type dev\n  DeviceNum c 1 -2\n", "The record of new\\nline in test.gz has a bad DeviceNum value '-2'")]
    public void Rejects_records_it_cannot_understand_with_a_one_line_message(string text, string expected)
    {
        using var reader = new MirrorMetadataReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.gz");

        var error = Assert.Throws<CorruptMetadataException>(() => reader.TryRead(out _));

        Assert.That(error!.Message, Does.Contain(expected).And.Not.Contain('\n').And.StartsWith("The record of "));
    }

    [Test]
    public void An_empty_stream_has_no_records()
    {
        using var reader = new MirrorMetadataReader(Stream.Null);

        Assert.That(reader.TryRead(out MetadataRecord? record), Is.False);
        Assert.That(record, Is.Null);
        Assert.That(reader.TryRead(out _), Is.False, "and stays at the end");
    }

    [Test]
    public void Streams_the_first_record_before_the_input_is_read_to_the_end()
    {
        byte[] text = WorkedExample.Write(Enumerable.Repeat(WorkedExample.Session1()[6], 20_000));
        using var input = new ReadCountingStream(text);
        using var reader = new MirrorMetadataReader(input);

        Assert.That(reader.TryRead(out _), Is.True);

        Assert.That(input.BytesRead, Is.LessThanOrEqualTo(128 * 1024).And.LessThan(text.Length / 4));
    }

    [Test]
    public void Round_trips_100000_generated_records_through_gzip()
    {
        using var directory = new TempDirectory();
        byte[] basePath = Encoding.UTF8.GetBytes(directory["mirror_metadata.snapshot"]);
        List<MetadataRecord> records = RecordGenerator.Generate(100_000, seed: 7);

        using (var file = MaybeGzipFile.Create(basePath, compress: true, fsync: false))
        using (var writer = new MirrorMetadataWriter(file))
        {
            foreach (MetadataRecord record in records)
            {
                writer.Write(record);
            }
        }
        using var reader = new MirrorMetadataReader(MetadataFile.OpenRead([.. basePath, .. ".gz"u8]));
        int index = 0;
        while (reader.TryRead(out MetadataRecord? read))
        {
            Assert.That(index, Is.LessThan(records.Count), "no extra records");
            if (!read.HasSameMirrorFields(records[index]))
            {
                Assert.Fail($"record {index} ({records[index].Path}) differs after the round trip");
            }
            index++;
        }

        Assert.That(index, Is.EqualTo(records.Count));
    }

    private sealed class ReadCountingStream(byte[] data) : MemoryStream(data)
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int read = base.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        public override int Read(Span<byte> buffer)
        {
            int read = base.Read(buffer);
            BytesRead += read;
            return read;
        }
    }
}
