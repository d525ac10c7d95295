using System.Text;
using RdiffCore.Metadata;
using RdiffCore.Model;

namespace RdiffCore.Tests.Metadata;

public sealed class AccessControlListsTests
{
    private const string WorkedExampleText =
        "# file: dir\nuser::rwx\ngroup::r-x\nother::---\ndefault:user::rwx\ndefault:user:nobody:r-x\ndefault:group::r-x\ndefault:mask::r-x\ndefault:other::r-x\n" +
        "# file: file.txt\nuser::rw-\nuser:nobody:r--\ngroup::r--\nmask::r--\nother::r--\n";

    private static readonly AclEntry[] s_dirAcl =
    [
        new(false, AclTag.UserObj, null, 7), new(false, AclTag.GroupObj, null, 5), new(false, AclTag.Other, null, 0),
        new(true, AclTag.UserObj, null, 7), new(true, AclTag.User, "nobody", 5), new(true, AclTag.GroupObj, null, 5),
        new(true, AclTag.Mask, null, 5), new(true, AclTag.Other, null, 5),
    ];

    private static readonly AclEntry[] s_fileAcl =
    [
        new(false, AclTag.UserObj, null, 6), new(false, AclTag.User, "nobody", 4), new(false, AclTag.GroupObj, null, 4),
        new(false, AclTag.Mask, null, 4), new(false, AclTag.Other, null, 4),
    ];

    [Test]
    public void Writes_the_worked_example_and_skips_empty_and_basic_acls()
    {
        AclEntry[] basic = [new(false, AclTag.UserObj, null, 6), new(false, AclTag.GroupObj, null, 4), new(false, AclTag.Other, null, 4)];
        AclEntry[] defaultsFirst = [.. s_dirAcl.Where(e => e.IsDefault), .. s_dirAcl.Where(e => !e.IsDefault)];
        using var output = new MemoryStream();
        using (var writer = new AccessControlListsWriter(output, leaveOpen: true))
        {
            writer.Write(RelPath.Root, []);
            writer.Write(RelPath.FromString("basic"), basic);
            writer.Write(RelPath.FromString("dir"), defaultsFirst);
            writer.Write(RelPath.FromString("file.txt"), s_fileAcl);
        }

        Assert.That(Encoding.UTF8.GetString(output.ToArray()), Is.EqualTo(WorkedExampleText), "access entries before default ones");
    }

    [Test]
    public void Reads_the_worked_example()
    {
        List<(RelPath Path, IReadOnlyList<AclEntry> Acl)> read = Read(WorkedExampleText);

        Assert.That(read.Select(r => r.Path), Is.EqualTo(new[] { RelPath.FromString("dir"), RelPath.FromString("file.txt") }));
        Assert.That(read[0].Acl, Is.EqualTo(s_dirAcl));
        Assert.That(read[1].Acl, Is.EqualTo(s_fileAcl));
    }

    [Test]
    public void Drops_comments_and_blank_lines_and_keeps_numeric_qualifiers()
    {
        List<(RelPath Path, IReadOnlyList<AclEntry> Acl)> read = Read(
            "# file: new\\012line\n# owner: root\nuser::rw-   # effective\n\n  group:4242:rwx\t\nother::--x\n");

        Assert.That(read.Single().Path, Is.EqualTo(RelPath.FromString("new\nline")));
        Assert.That(read.Single().Acl, Is.EqualTo(new AclEntry[]
        {
            new(false, AclTag.UserObj, null, 6), new(false, AclTag.Group, "4242", 7), new(false, AclTag.Other, null, 1),
        }));
    }

    [TestCase("user:rw-")]
    [TestCase("user::rw-:x")]
    [TestCase("mask:x:rw-")]
    [TestCase("owner::rw-")]
    [TestCase("user::rwz")]
    [TestCase("user::rw")]
    public void Rejects_entries_that_are_not_getfacl_short_form(string entry)
    {
        using var reader = new AccessControlListsReader(new MemoryStream(Encoding.UTF8.GetBytes($"# file: f\n{entry}\n")), "acl.gz");

        var error = Assert.Throws<CorruptMetadataException>(() => reader.TryRead(out _, out _));

        Assert.That(error!.Message, Does.Contain($"ACL of f in acl.gz has an entry '{entry}'").And.Not.Contain('\n'));
    }

    [Test]
    public void Round_trips_through_writer_and_reader()
    {
        AclEntry[] acl = [.. s_fileAcl, new(true, AclTag.UserObj, null, 7), new(true, AclTag.Group, "ünïcode", 2), new(true, AclTag.GroupObj, null, 0), new(true, AclTag.Other, null, 0)];
        var path = new RelPath([.. "a b\\"u8, 0xff]);
        using var output = new MemoryStream();
        using (var writer = new AccessControlListsWriter(output, leaveOpen: true))
        {
            writer.Write(path, acl);
        }

        List<(RelPath Path, IReadOnlyList<AclEntry> Acl)> read = Read(Encoding.Latin1.GetString(output.ToArray()), Encoding.Latin1);

        Assert.That(read.Single().Path, Is.EqualTo(path));
        Assert.That(read.Single().Acl, Is.EqualTo(acl));
    }

    private static List<(RelPath, IReadOnlyList<AclEntry>)> Read(string text, Encoding? encoding = null)
    {
        using var reader = new AccessControlListsReader(new MemoryStream((encoding ?? Encoding.UTF8).GetBytes(text)));
        var read = new List<(RelPath, IReadOnlyList<AclEntry>)>();
        while (reader.TryRead(out RelPath path, out IReadOnlyList<AclEntry> acl))
        {
            read.Add((path, acl));
        }
        return read;
    }
}
