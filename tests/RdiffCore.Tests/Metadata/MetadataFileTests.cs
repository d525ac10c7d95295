using System.IO.Compression;
using System.Text;
using RdiffCore.Metadata;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Metadata;

public sealed class MetadataFileTests
{
    [Test]
    public void Reads_plain_gzip_and_multi_member_gzip_files()
    {
        using var directory = new TempDirectory();
        string plain = directory.Write("a.snapshot", "plain"u8);
        string gz = directory.Write("b.snapshot.gz", [.. Gzip("first "u8), .. Gzip("second"u8)]);

        Assert.That(ReadAll(plain), Is.EqualTo("plain"));
        Assert.That(ReadAll(gz), Is.EqualTo("first second"), "concatenated members, as gzip(1) reads them");
    }

    [Test]
    public void Reads_zero_length_files_as_empty_even_with_gz()
    {
        using var directory = new TempDirectory();
        string empty = directory.Write("mirror_metadata.diff", []);
        string emptyGz = directory.Write("mirror_metadata.diff.gz", []);

        Assert.That(ReadAll(empty), Is.Empty);
        Assert.That(ReadAll(emptyGz), Is.Empty);
    }

    [Test]
    public void A_missing_file_is_a_one_line_error_naming_it()
    {
        using var directory = new TempDirectory();

        var error = Assert.Throws<MetadataFileException>(() => MetadataFile.OpenRead(Encoding.UTF8.GetBytes(directory["missing.gz"])));

        Assert.That(error!.Message, Does.StartWith($"Cannot open {directory["missing.gz"]}").And.Not.Contain('\n'));
    }

    [Test]
    public void Corrupt_gzip_is_reported_by_the_reader_as_corrupt_metadata()
    {
        using var directory = new TempDirectory();
        byte[] gz = Gzip(WorkedExample.Session1Text());
        gz[gz.Length / 2] ^= 0x55;
        string path = directory.Write("mirror_metadata.snapshot.gz", gz);

        using var reader = new MirrorMetadataReader(MetadataFile.OpenRead(Encoding.UTF8.GetBytes(path)), path);

        var error = Assert.Throws<CorruptMetadataException>(() => reader.Records().ToList());
        Assert.That(error!.Message, Does.StartWith($"The metadata file {path} is not valid gzip data").And.Not.Contain('\n'));
    }

    private static string ReadAll(string path)
    {
        using Stream stream = MetadataFile.OpenRead(Encoding.UTF8.GetBytes(path));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    internal static byte[] Gzip(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(data);
        }
        return output.ToArray();
    }
}
