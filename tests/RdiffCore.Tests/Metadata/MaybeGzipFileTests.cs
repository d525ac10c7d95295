using System.IO.Compression;
using System.Runtime.Versioning;
using System.Text;
using RdiffCore.Metadata;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Metadata;

public sealed class MaybeGzipFileTests
{
    [Test]
    [SupportedOSPlatform("linux")]
    public void Creates_nothing_before_the_first_byte_then_the_gz_file()
    {
        using var directory = new TempDirectory();
        string basePath = directory["mirror_metadata.2023-11-14T22:13:20Z.snapshot"];

        using (var file = MaybeGzipFile.Create(Encoding.UTF8.GetBytes(basePath), compress: true, fsync: true))
        {
            file.Write([]);
            Assert.That(Directory.GetFiles(directory.Path), Is.Empty, "an empty write creates nothing");
            Assert.That(file.WrittenPath, Is.Null);

            file.Write("File .\n"u8);
            file.WriteByte((byte)'x');

            Assert.That(file.WrittenPath, Is.EqualTo(Encoding.UTF8.GetBytes(basePath + ".gz")));
        }

        Assert.That(Directory.GetFiles(directory.Path), Is.EqualTo(new[] { basePath + ".gz" }));
        using var gunzip = new GZipStream(File.OpenRead(basePath + ".gz"), CompressionMode.Decompress);
        using var content = new MemoryStream();
        gunzip.CopyTo(content);
        Assert.That(content.ToArray(), Is.EqualTo("File .\nx"u8.ToArray()));
        Assert.That(File.GetUnixFileMode(basePath + ".gz"), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), "0600 like rdiff-backup-data");
    }

    [Test]
    public void An_empty_output_is_a_zero_byte_file_without_gz()
    {
        using var directory = new TempDirectory();
        string basePath = directory["mirror_metadata.2023-11-14T22:13:20Z.diff"];
        var file = MaybeGzipFile.Create(Encoding.UTF8.GetBytes(basePath), compress: true, fsync: false);

        file.Dispose();
        file.Dispose();

        Assert.That(Directory.GetFiles(directory.Path), Is.EqualTo(new[] { basePath }));
        Assert.That(new FileInfo(basePath).Length, Is.Zero);
        Assert.That(file.WrittenPath, Is.EqualTo(Encoding.UTF8.GetBytes(basePath)));
    }

    [Test]
    public void Without_compression_writes_the_plain_file()
    {
        using var directory = new TempDirectory();
        string basePath = directory["file_statistics.data"];

        using (var file = MaybeGzipFile.Create(Encoding.UTF8.GetBytes(basePath), compress: false, fsync: false))
        {
            file.Write("abc"u8);
        }

        Assert.That(File.ReadAllBytes(basePath), Is.EqualTo("abc"u8.ToArray()));
        Assert.That(File.Exists(basePath + ".gz"), Is.False);
    }

    [Test]
    public void Refuses_to_overwrite_an_existing_file_with_a_one_line_error()
    {
        using var directory = new TempDirectory();
        string existing = directory.Write("x.snapshot.gz", "old"u8);
        using var file = MaybeGzipFile.Create(Encoding.UTF8.GetBytes(directory["x.snapshot"]), compress: true, fsync: false);

        var error = Assert.Throws<MetadataFileException>(() => file.Write("new"u8));

        Assert.That(error!.Message, Does.StartWith($"Cannot create {existing}").And.Not.Contain('\n'));
        Assert.That(File.ReadAllBytes(existing), Is.EqualTo("old"u8.ToArray()), "left alone");
    }

    [Test]
    public void Is_a_write_only_stream()
    {
        using var directory = new TempDirectory();
        using var file = MaybeGzipFile.Create(Encoding.UTF8.GetBytes(directory["a"]), compress: false, fsync: false);

        Assert.That((file.CanRead, file.CanSeek, file.CanWrite), Is.EqualTo((false, false, true)));
        Assert.Throws<NotSupportedException>(() => file.ReadByte());
        Assert.Throws<NotSupportedException>(() => _ = file.Length);
    }
}
