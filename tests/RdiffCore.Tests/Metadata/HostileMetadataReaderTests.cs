using System.Text;
using RdiffCore.Metadata;
using RdiffCore.Model;
using RdiffCore.Storage;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Metadata;

/// <summary>What a metadata reader must refuse: it is damage, named with its file and line, never a path.</summary>
public sealed class HostileMetadataReaderTests
{
    private const string Fields = "  Type reg\n  Size 1\n  Permissions 420\n";

    [TestCase("File ..\n  Type dir\n", "line 1 records the path '..'")]
    [TestCase("File .\n  Type dir\nFile ../evil\n" + Fields, "line 3 records the path '../evil'")]
    [TestCase("File /\n  Type None\n", "records the path '/'")]
    [TestCase("File d/..\n" + Fields, "records the path 'd/..'")]
    [TestCase("File a//b\n" + Fields, "records the path 'a//b'")]
    [TestCase("File \n" + Fields, "records the path ''")]
    [TestCase("File b\n" + Fields + "File a\n" + Fields, "line 5 records 'a' after 'b' (bad index order)")]
    [TestCase("File a\n" + Fields + "File a\n" + Fields, "records 'a' a second time (bad index order)")]
    [TestCase("File dir-x\n" + Fields + "File dir/a\n" + Fields, "records 'dir/a' after 'dir-x'")]
    [TestCase("File a\n  Type reg\n  AlternateMirrorName ../../x\n", "AlternateMirrorName '../../x'")]
    [TestCase("File a\n  Type reg\n  AlternateIncrementName ..\n", "AlternateIncrementName '..'")]
    [TestCase("File a\n  Type sym\n", "a symlink without a target")]
    public void Refuses_paths_names_and_order_that_are_damage(string text, string expected)
    {
        using var reader = new MirrorMetadataReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "mm.gz");

        var error = Assert.Throws<CorruptMetadataException>(() => reader.Records().ToList());

        Assert.That(error!.Message, Does.Contain(expected).And.Contain("mm.gz").And.Not.Contain('\n'));
    }

    [TestCase("# file: ..\nuser.a=0sYQ==\n", "line 1 names a path")]
    [TestCase("# file: a/../b\nuser.a=0sYQ==\n", "names a path")]
    [TestCase("# file: b\nuser.a=0sYQ==\n# file: a\nuser.a=0sYQ==\n", "line 3 names 'a' after 'b' (bad index order)")]
    public void Extended_attribute_files_are_held_to_the_same_rules(string text, string expected)
    {
        using var reader = new ExtendedAttributesReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "ea");

        var error = Assert.Throws<CorruptMetadataException>(() =>
        {
            while (reader.TryRead(out _, out _))
            {
            }
        });

        Assert.That(error!.Message, Does.Contain(expected).And.Contain("ea"));
    }

    [Test]
    public void A_line_or_a_record_beyond_its_bound_is_damage_naming_the_line()
    {
        string longLine = "File a\n  Type reg\n  Uname " + new string('u', LineReader.MaxLine + 10) + "\n";
        using var reader = new MirrorMetadataReader(new MemoryStream(Encoding.ASCII.GetBytes(longLine)), "mm.gz");
        var error = Assert.Throws<CorruptMetadataException>(() => reader.Records().ToList());
        Assert.That(error!.Message, Does.Contain("line 3 is longer than 16 MiB").And.Contain("mm.gz"));

        var record = new StringBuilder("File a\n  Type reg\n");
        string line = "  Futurefield " + new string('f', 1 << 20) + "\n";
        while (record.Length <= LineReader.MaxRecord)
        {
            record.Append(line);
        }
        using var many = new MirrorMetadataReader(new MemoryStream(Encoding.ASCII.GetBytes(record.ToString())), "mm.gz");
        error = Assert.Throws<CorruptMetadataException>(() => many.Records().ToList());
        Assert.That(error!.Message, Does.Contain("longer than 64 MiB"));
    }

    [Test]
    public void The_chain_refuses_paths_below_a_file_or_without_their_directory()
    {
        using var directory = new TempDirectory();
        foreach ((string text, string expected) in new[]
        {
            ("File .\n  Type dir\nFile f\n" + Fields + "File f/x\n" + Fields, "'f/x' without a directory 'f'"),
            ("File .\n  Type dir\nFile d/x\n" + Fields, "'d/x' without a directory 'd'"),
            ("File a\n" + Fields, "'a' without a directory '.'"),
        })
        {
            string path = directory.Write("mirror_metadata.snapshot", Encoding.UTF8.GetBytes(text));
            using var reader = new MetadataChainReader([new MetadataFileRef(1, Encoding.UTF8.GetBytes(path), true)], null, null);

            var error = Assert.Throws<CorruptMetadataException>(() => reader.Records().ToList());

            Assert.That(error!.Message, Does.Contain(expected).And.Contain(path));
        }
    }

    [Test]
    public void A_metadata_file_cut_short_is_damage_not_fewer_records()
    {
        using var directory = new TempDirectory();
        byte[] gz = MetadataFileTests.Gzip(WorkedExample.Session1Text());
        string path = directory.Write("mirror_metadata.snapshot.gz", gz.AsSpan(0, gz.Length - 5));

        using var reader = new MirrorMetadataReader(MetadataFile.OpenRead(Encoding.UTF8.GetBytes(path)), path);

        var error = Assert.Throws<CorruptMetadataException>(() => reader.Records().ToList());
        Assert.That(error!.Message, Does.Contain(path).And.Contain("cut short"));
    }

    [TestCase(";046;046", ";046;046")]
    [TestCase(";047etc", ";047etc")]
    [TestCase("a;000b", "a;000b")]
    [TestCase(";046", ";046")]
    [TestCase("A;059b", "A;b")]
    public void Unquoting_never_makes_a_name_into_a_path(string onDisk, string expected)
    {
        var quoting = new NameQuoting("A-Z"u8, escapeDosDevices: false, escapeTrailingSpaces: false);

        Assert.That(Encoding.UTF8.GetString(quoting.Unquote(Encoding.UTF8.GetBytes(onDisk))), Is.EqualTo(expected));
    }
}
