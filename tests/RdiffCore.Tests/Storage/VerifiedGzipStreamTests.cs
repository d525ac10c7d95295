using System.Diagnostics;
using System.IO.Compression;
using RdiffCore.Storage;

namespace RdiffCore.Tests.Storage;

public sealed class VerifiedGzipStreamTests
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(1000)]
    [TestCase(70_000)]
    [TestCase(3_000_000)]
    public void Reads_what_GZipStream_wrote_at_any_size(int size)
    {
        foreach (byte[] data in new[] { Random(size, 1), Text(size) })
        {
            Assert.That(Gunzip(Gzip(data)), Is.EqualTo(data));
        }
    }

    [Test]
    public void Reads_concatenated_members_zero_padding_and_gzip1_headers_with_a_name()
    {
        byte[] first = Text(100_000), second = Random(40_000, 2);
        Assert.That(Gunzip([.. Gzip(first), .. Gzip(second), .. Gzip([])]), Is.EqualTo((byte[])[.. first, .. second]));
        Assert.That(Gunzip([.. Gzip(first), 0, 0, 0, 0]), Is.EqualTo(first));

        // gzip(1) writes the file name into the header (FNAME).
        string directory = Directory.CreateTempSubdirectory("rdiffsharp-test-").FullName;
        try
        {
            string file = Path.Combine(directory, "named.txt");
            File.WriteAllBytes(file, first);
            Process.Start("gzip", ["-9", file]).WaitForExit();
            Assert.That(Gunzip(File.ReadAllBytes(file + ".gz")), Is.EqualTo(first));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void Every_cut_short_stream_is_damage()
    {
        foreach (byte[] data in new[] { Text(200_000), Random(50_000, 3) })
        {
            byte[] gz = Gzip(data);
            for (int cut = 1; cut < gz.Length; cut += cut < 64 || cut > gz.Length - 64 ? 1 : 997)
            {
                Assert.Throws<InvalidDataException>(() => Gunzip(gz[..cut]), $"cut at {cut} of {gz.Length}");
            }
        }
    }

    [Test]
    public void A_wrong_crc_or_length_or_trailing_garbage_is_damage()
    {
        byte[] gz = Gzip(Text(10_000));
        for (int i = 1; i <= 8; i++)
        {
            byte[] altered = [.. gz];
            altered[^i] ^= 0x01;
            var error = Assert.Throws<InvalidDataException>(() => Gunzip(altered), $"trailer byte -{i}");
            Assert.That(error!.Message, Does.Not.Contain('\n'));
        }
        Assert.Throws<InvalidDataException>(() => Gunzip([.. gz, 1, 2, 3]));
        Assert.Throws<InvalidDataException>(() => Gunzip("not gzip at all"u8.ToArray()));
    }

    private static byte[] Gunzip(byte[] gz)
    {
        using var input = new VerifiedGzipStream(new MemoryStream(gz));
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }
        return output.ToArray();
    }

    private static byte[] Random(int size, int seed)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        return data;
    }

    private static byte[] Text(int size)
    {
        var data = new byte[size];
        var random = new Random(size);
        for (int i = 0; i < size; i++)
        {
            data[i] = (byte)"File a/b\n  Type reg\n  Size 1234\n"[random.Next(32)];
        }
        return data;
    }
}
