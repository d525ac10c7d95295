using System.Text;
using RdiffCore.Metadata;
using RdiffCore.Model;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Metadata;

public sealed class MetadataChainReaderTests
{
    private const long T1 = 1700000000, T2 = T1 + 86400, T3 = T2 + 86400;

    [Test]
    public void Rebuilds_every_session_from_snapshots_and_diffs()
    {
        using var directory = new TempDirectory();
        IReadOnlyList<MetadataRecord> session1 = WorkedExample.Session1();
        IReadOnlyList<MetadataRecord> session2 = WorkedExample.Session2();
        List<MetadataRecord> session3 = [.. session2.Where(r => r.Path.ToString() is not ("hl_b" or "newfile"))];
        // T1 and T2 became diffs against their successors; T3 is the snapshot.
        MetadataFileRef d1 = WriteDiff(directory, T1, session1, session2);
        MetadataFileRef d2 = WriteDiff(directory, T2, session2, session3);
        MetadataFileRef s3 = WriteFile(directory, T3, "snapshot", w => session3.ForEach(w.Write));

        AssertSameRecords(ReadAll([d1, d2, s3]), session1, "at T1");
        AssertSameRecords(ReadAll([d2, s3]), session2, "at T2");
        AssertSameRecords(ReadAll([s3]), session3, "at T3");
    }

    [Test]
    public void Stops_at_the_first_snapshot_and_lets_the_oldest_file_win()
    {
        using var directory = new TempDirectory();
        MetadataRecord a1 = WorkedExample.Record("a", FileKind.Regular, 420, 1, size: 1);
        MetadataRecord a2 = WorkedExample.Record("a", FileKind.Regular, 420, 2, size: 2);
        MetadataRecord b = WorkedExample.Record("b", FileKind.Fifo, 420, 3);
        MetadataRecord c = WorkedExample.Record("c", FileKind.Directory, 493, 4);
        MetadataRecord root = WorkedExample.Record(".", FileKind.Directory, 493, 5);
        MetadataFileRef diff = WriteFile(directory, T1, "diff", w => { w.Write(a1); w.Write(MetadataRecord.Absent(b.Path)); });
        MetadataFileRef snapshot = WriteFile(directory, T2, "snapshot", w => { w.Write(root); w.Write(a2); w.Write(b); w.Write(c); });
        var beyond = new MetadataFileRef(T3, Encoding.UTF8.GetBytes(directory["not-there.diff.gz"]), false);

        List<MetadataRecord> read = ReadAll([diff, snapshot, beyond]);

        AssertSameRecords(read, [root, a1, c], "a from the diff, b absent, the file past the snapshot never opened");
    }

    [Test]
    public void Joins_the_xattrs_and_acls_of_the_session_and_skips_orphans()
    {
        using var directory = new TempDirectory();
        IReadOnlyList<MetadataRecord> session1 = WorkedExample.Session1();
        MetadataFileRef snapshot = WriteFile(directory, T1, "snapshot", w => session1.ToList().ForEach(w.Write));
        byte[] xattrs = Encoding.UTF8.GetBytes(directory.Write("extended_attributes.snapshot",
            "# file: .\nuser.r=0scg==\n# file: aaa-orphan\nuser.x\n# file: file.txt\nuser.comment=0saGVsbG8=\n# file: new\\012line\\040name\nuser.k\\075ey=0sdiBhIGw=\n# file: zzz\nuser.y\n"u8));
        byte[] acls = Encoding.UTF8.GetBytes(directory.Write("access_control_lists.snapshot",
            "# file: dir\nuser::rwx\ngroup::r-x\nother::---\ndefault:user:nobody:r-x\n# file: dir/gone\nuser::rwx\n"u8));

        using var reader = new MetadataChainReader([snapshot], xattrs, acls);
        List<MetadataRecord> read = [.. reader.Records()];

        AssertSameRecords(read, session1, "the mirror fields");
        Dictionary<string, MetadataRecord> byPath = read.ToDictionary(r => r.Path.ToString());
        Assert.That(byPath["."].Xattrs, Is.EqualTo(new[] { ExtendedAttributesWriterTests.X("user.r", "r") }));
        Assert.That(byPath["file.txt"].Xattrs, Is.EqualTo(new[] { ExtendedAttributesWriterTests.X("user.comment", "hello") }));
        Assert.That(byPath["new\nline name"].Xattrs, Is.EqualTo(new[] { ExtendedAttributesWriterTests.X("user.k=ey", "v a l") }));
        Assert.That(byPath["dir"].Acl, Has.Count.EqualTo(4));
        Assert.That(byPath["dir"].Acl[3], Is.EqualTo(new AclEntry(true, AclTag.User, "nobody", 5)));
        Assert.That(read.Where(r => r.Path.ToString() is not ("." or "file.txt" or "new\nline name")).SelectMany(r => r.Xattrs), Is.Empty);
        Assert.That(read.Where(r => r.Path.ToString() != "dir").SelectMany(r => r.Acl), Is.Empty);
    }

    [Test]
    public void Without_a_snapshot_the_session_cannot_be_rebuilt()
    {
        using var directory = new TempDirectory();
        MetadataFileRef diff = WriteFile(directory, T1, "diff", _ => { });

        var error = Assert.Throws<CorruptMetadataException>(() => new MetadataChainReader([diff], null, null).Dispose());

        Assert.That(error!.Message, Does.StartWith("No mirror_metadata snapshot").And.Not.Contain('\n'));
    }

    private static List<MetadataRecord> ReadAll(IReadOnlyList<MetadataFileRef> files)
    {
        using var reader = new MetadataChainReader(files, null, null);
        return [.. reader.Records()];
    }

    private static void AssertSameRecords(List<MetadataRecord> actual, IReadOnlyList<MetadataRecord> expected, string what)
    {
        Assert.That(actual.Select(r => r.Path.ToString()), Is.EqualTo(expected.Select(r => r.Path.ToString())), what);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.That(actual[i].HasSameMirrorFields(expected[i]), Is.True, $"{what}: {expected[i].Path}");
        }
    }

    private static MetadataFileRef WriteDiff(TempDirectory directory, long time, IReadOnlyList<MetadataRecord> older, IReadOnlyList<MetadataRecord> newer) =>
        WriteFile(directory, time, "diff", w => MetadataDiff.Write(older, newer, w));

    private static MetadataFileRef WriteFile(TempDirectory directory, long time, string type, Action<MirrorMetadataWriter> write)
    {
        byte[] basePath = Encoding.UTF8.GetBytes(directory[$"mirror_metadata.{time}.{type}"]);
        using (var file = MaybeGzipFile.Create(basePath, compress: true, fsync: false))
        using (var writer = new MirrorMetadataWriter(file))
        {
            write(writer);
        }
        byte[] written = File.Exists(Encoding.UTF8.GetString(basePath) + ".gz") ? [.. basePath, .. ".gz"u8] : basePath;
        return new MetadataFileRef(time, written, type == "snapshot");
    }
}
