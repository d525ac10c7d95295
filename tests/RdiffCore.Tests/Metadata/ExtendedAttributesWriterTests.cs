using System.Text;
using RdiffCore.Metadata;
using RdiffCore.Model;

namespace RdiffCore.Tests.Metadata;

public sealed class ExtendedAttributesWriterTests
{
    [Test]
    public void Writes_the_worked_example()
    {
        byte[] written = Write(w =>
        {
            w.Write(RelPath.FromString("file.txt"), [X("user.comment", "hello"), X("user.empty", "")]);
            w.Write(RelPath.FromString("new\nline name"), [X("user.k=ey", "v a l")]);
        });

        Assert.That(Encoding.UTF8.GetString(written), Is.EqualTo(
            "# file: file.txt\nuser.comment=0saGVsbG8=\nuser.empty\n# file: new\\012line\\040name\nuser.k\\075ey=0sdiBhIGw=\n"));
    }

    [Test]
    public void Skips_paths_without_attributes_and_never_writes_system_names()
    {
        byte[] written = Write(w =>
        {
            w.Write(RelPath.Root, [X("user.root", "r")]);
            w.Write(RelPath.FromString("none"), []);
            w.Write(RelPath.FromString("acl-only"), [X("system.posix_acl_access", "\u0002")]);
            w.Write(RelPath.FromString("mixed"), [X("system.posix_acl_default", "x"), X("trusted.t", "1"), X("security.selinux", "s")]);
        });

        Assert.That(Encoding.UTF8.GetString(written), Is.EqualTo(
            "# file: .\nuser.root=0scg==\n# file: mixed\ntrusted.t=0sMQ==\nsecurity.selinux=0scw==\n"));
    }

    [Test]
    public void Round_trips_odd_names_and_binary_and_large_values_and_unquotes_names()
    {
        byte[] bigValue = Support.Mutation.Random(200_000, new Random(3));
        (RelPath Path, Xattr[] Xattrs)[] records =
        [
            (RelPath.Root, [X("user.a", "1")]),
            (new RelPath([.. "bad"u8, 0xff, 0xfe]), [new Xattr([.. "user.\n=\\ "u8, 0xc3], [0, 1, 2, 255]), X("user.empty=", "")]),
            (RelPath.FromString("big"), [new Xattr("user.big"u8.ToArray(), bigValue)]),
        ];

        byte[] written = Write(w =>
        {
            foreach ((RelPath path, Xattr[] xattrs) in records)
            {
                w.Write(path, xattrs);
            }
        });
        using var reader = new ExtendedAttributesReader(new MemoryStream(written));
        var read = new List<(RelPath, IReadOnlyList<Xattr>)>();
        while (reader.TryRead(out RelPath path, out IReadOnlyList<Xattr> xattrs))
        {
            read.Add((path, xattrs));
        }

        Assert.That(read.Select(r => r.Item1), Is.EqualTo(records.Select(r => r.Path)));
        for (int i = 0; i < records.Length; i++)
        {
            Assert.That(read[i].Item2, Is.EqualTo(records[i].Xattrs), $"attributes of {records[i].Path}");
        }
    }

    internal static Xattr X(string name, string value) => new(Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(value));

    private static byte[] Write(Action<ExtendedAttributesWriter> write)
    {
        using var output = new MemoryStream();
        using (var writer = new ExtendedAttributesWriter(output, leaveOpen: true))
        {
            write(writer);
        }
        return output.ToArray();
    }
}
