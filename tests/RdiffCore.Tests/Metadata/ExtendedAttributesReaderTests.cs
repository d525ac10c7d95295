using System.Text;
using RdiffCore.Metadata;
using RdiffCore.Model;

namespace RdiffCore.Tests.Metadata;

public sealed class ExtendedAttributesReaderTests
{
    [Test]
    public void Reads_the_worked_example_and_unquotes_names_unlike_rdiff_backup()
    {
        // rdiff-backup 2.2.2 reads the name "user.k\075ey" literally (its bug, format notes §1.7); we read "user.k=ey".
        List<(RelPath Path, IReadOnlyList<Xattr> Xattrs)> read = Read(
            "# file: file.txt\nuser.comment=0saGVsbG8=\nuser.empty\n# file: new\\012line\\040name\nuser.k\\075ey=0sdiBhIGw=\n");

        Assert.That(read, Has.Count.EqualTo(2));
        Assert.That(read[0].Path, Is.EqualTo(RelPath.FromString("file.txt")));
        Assert.That(read[0].Xattrs, Is.EqualTo(new[] { ExtendedAttributesWriterTests.X("user.comment", "hello"), ExtendedAttributesWriterTests.X("user.empty", "") }));
        Assert.That(read[1].Path, Is.EqualTo(RelPath.FromString("new\nline name")));
        Assert.That(read[1].Xattrs, Is.EqualTo(new[] { ExtendedAttributesWriterTests.X("user.k=ey", "v a l") }));
    }

    [Test]
    public void Skips_blank_and_comment_lines_strips_whitespace_and_accepts_hex_values()
    {
        List<(RelPath Path, IReadOnlyList<Xattr> Xattrs)> read = Read(
            "stray line\n# file: .\n\n  user.a=0sYQ==  \n# a comment\n\tuser.h=0x6869\n# file: empty\n");

        Assert.That(read.Select(r => r.Path), Is.EqualTo(new[] { RelPath.Root, RelPath.FromString("empty") }));
        Assert.That(read[0].Xattrs, Is.EqualTo(new[] { ExtendedAttributesWriterTests.X("user.a", "a"), ExtendedAttributesWriterTests.X("user.h", "hi") }));
        Assert.That(read[1].Xattrs, Is.Empty);
    }

    [TestCase("user.a=\"text\"")]
    [TestCase("user.a=0s%%%")]
    [TestCase("user.a=0xzz")]
    public void Rejects_values_in_other_encodings(string line)
    {
        using var reader = new ExtendedAttributesReader(new MemoryStream(Encoding.UTF8.GetBytes($"# file: a\\040b\n{line}\n")), "ea.gz");

        var error = Assert.Throws<CorruptMetadataException>(() => reader.TryRead(out _, out _));

        Assert.That(error!.Message, Does.Contain("of a b in ea.gz").And.Not.Contain('\n'));
    }

    private static List<(RelPath, IReadOnlyList<Xattr>)> Read(string text)
    {
        using var reader = new ExtendedAttributesReader(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        var read = new List<(RelPath, IReadOnlyList<Xattr>)>();
        while (reader.TryRead(out RelPath path, out IReadOnlyList<Xattr> xattrs))
        {
            read.Add((path, xattrs));
        }
        return read;
    }
}
