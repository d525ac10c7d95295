using System.Text;
using RdiffCore.Metadata;
using RdiffCore.Model;

namespace RdiffCore.Tests.Metadata;

public sealed class MetadataDiffTests
{
    [Test]
    public void Gives_the_worked_example_T1_diff()
    {
        IReadOnlyList<MetadataRecord> session1 = WorkedExample.Session1();

        List<MetadataRecord> diff = WorkedExample.Read(Diff(session1, WorkedExample.Session2()));

        // §1.17: the T1 records of ., <L230>, dir, dir/note, fifo, file.txt, link, photo.jpg, plus "newfile / Type None".
        Assert.That(diff.Select(r => r.Path.ToString()), Is.EqualTo(new[]
        {
            ".", WorkedExample.LongName, "dir", "dir/note", "fifo", "file.txt", "link", "newfile", "photo.jpg",
        }));
        Assert.That(diff.Single(r => r.Path.ToString() == "newfile").Kind, Is.EqualTo(FileKind.None));
        foreach (MetadataRecord record in diff.Where(r => r.Kind != FileKind.None))
        {
            Assert.That(session1.Single(r => r.Path == record.Path).HasSameMirrorFields(record), Is.True, $"{record.Path} is the old record");
        }
    }

    [Test]
    public void Writes_nothing_for_equal_snapshots_and_everything_against_an_empty_one()
    {
        IReadOnlyList<MetadataRecord> session1 = WorkedExample.Session1();

        Assert.That(Diff(session1, session1), Is.Empty);
        Assert.That(Diff(session1, []), Is.EqualTo(WorkedExample.Session1Text()), "all deleted: the old snapshot itself");
        Assert.That(Encoding.UTF8.GetString(Diff([], session1.Take(2))), Is.EqualTo($"File .\n  Type None\nFile {WorkedExample.LongName}\n  Type None\n"));
    }

    [Test]
    public void Any_mirror_field_counts_as_a_change_but_xattrs_do_not()
    {
        MetadataRecord old = WorkedExample.Session1()[7];
        MetadataRecord[] variants =
        [
            WithOwner(old, "other"),
            WithInode(old, inode: 1),
        ];
        MetadataRecord sameButXattrs = old with { Xattrs = [new Xattr("user.a"u8.ToArray(), [1])], Acl = [] };

        foreach (MetadataRecord changed in variants)
        {
            Assert.That(WorkedExample.Read(Diff([old], [changed])).Single().HasSameMirrorFields(old), Is.True);
        }
        Assert.That(Diff([old], [sameButXattrs]), Is.Empty, "xattrs live in their own snapshot files");
    }

    private static byte[] Diff(IEnumerable<MetadataRecord> older, IEnumerable<MetadataRecord> newer)
    {
        using var output = new MemoryStream();
        using (var writer = new MirrorMetadataWriter(output, leaveOpen: true))
        {
            MetadataDiff.Write(older, newer, writer);
        }
        return output.ToArray();
    }

    private static MetadataRecord WithOwner(MetadataRecord r, string owner) => new()
    {
        Path = r.Path, Kind = r.Kind, Size = r.Size, Sha1 = r.Sha1, HardLinkCount = r.HardLinkCount, Inode = r.Inode, DeviceLoc = r.DeviceLoc,
        ModTime = r.ModTime, Uid = r.Uid, UserName = owner, Gid = r.Gid, GroupName = r.GroupName, Permissions = r.Permissions,
    };

    private static MetadataRecord WithInode(MetadataRecord r, ulong inode) => new()
    {
        Path = r.Path, Kind = r.Kind, Size = r.Size, Sha1 = r.Sha1, HardLinkCount = r.HardLinkCount, Inode = inode, DeviceLoc = r.DeviceLoc,
        ModTime = r.ModTime, Uid = r.Uid, UserName = r.UserName, Gid = r.Gid, GroupName = r.GroupName, Permissions = r.Permissions,
    };
}
