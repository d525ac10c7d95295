using System.Diagnostics;
using System.IO.Compression;
using RdiffCore.Storage;

namespace RdiffCore.Tests.Storage;

public sealed class GzipWriteStreamTests
{
    [Test]
    public void Nothing_written_is_a_valid_gzip_file_of_nothing_that_gzip1_accepts()
    {
        byte[] empty = Gzip([]);
        Assert.That(empty, Is.EqualTo(GzipWriteStream.EmptyMember.ToArray()));
        Assert.That(empty, Has.Length.EqualTo(20));
        Assert.That(Gunzip(empty), Is.Empty);
        using (var stream = new VerifiedGzipStream(new MemoryStream(empty)))
        {
            Assert.That(stream.ReadByte(), Is.EqualTo(-1));
        }
        Assert.That(Gzip1(empty), Is.EqualTo((0, "")), "gzip -t and zcat accept it");
    }

    [TestCase(1)]
    [TestCase(100_000)]
    public void Data_is_what_GZipStream_writes(int size)
    {
        byte[] data = [.. Enumerable.Range(0, size).Select(i => (byte)(i * 7 % 251))];
        byte[] compressed = Gzip(data);
        Assert.That(Gunzip(compressed), Is.EqualTo(data));
        using var plain = new MemoryStream();
        using (var gzip = new GZipStream(plain, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }
        Assert.That(compressed, Is.EqualTo(plain.ToArray()));
    }

    [Test]
    public void An_empty_write_and_a_flush_still_give_the_empty_file()
    {
        using var output = new MemoryStream();
        using (var gzip = new GzipWriteStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write([]);
            gzip.Flush();
        }
        Assert.That(output.ToArray(), Is.EqualTo(GzipWriteStream.EmptyMember.ToArray()));
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GzipWriteStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }
        return output.ToArray();
    }

    private static byte[] Gunzip(byte[] data)
    {
        using var input = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    // gzip -t, then zcat: the exit code and what it printed.
    private static (int Code, string Output) Gzip1(byte[] data)
    {
        string file = Path.Combine(Directory.CreateTempSubdirectory("rdiffsharp-test-").FullName, "empty.gz");
        try
        {
            File.WriteAllBytes(file, data);
            using Process test = Process.Start("gzip", ["-t", file]);
            test.WaitForExit();
            using Process cat = Process.Start(new ProcessStartInfo("zcat", [file]) { RedirectStandardOutput = true })!;
            string output = cat.StandardOutput.ReadToEnd();
            cat.WaitForExit();
            return (test.ExitCode | cat.ExitCode, output);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }
}
