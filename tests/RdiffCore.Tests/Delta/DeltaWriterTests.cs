using RdiffCore.Delta;

namespace RdiffCore.Tests.Delta;

public sealed class DeltaWriterTests
{
    [Test]
    public void An_empty_delta_is_the_magic_and_END()
    {
        Assert.That(Emit(_ => { }), Is.EqualTo(Hex("72730236 00")));
    }

    [TestCase(1, "01 AA")]
    [TestCase(64, "40")]
    [TestCase(65, "41 41")]
    [TestCase(255, "41 FF")]
    [TestCase(256, "42 0100")]
    [TestCase(65535, "42 FFFF")]
    [TestCase(65536, "43 00010000")]
    public void Literals_use_the_shortest_header(int length, string header)
    {
        byte[] data = Enumerable.Repeat((byte)0xAA, length).ToArray();

        byte[] delta = Emit(w => w.Literal(data));

        byte[] expectedHeader = Hex(header);
        if (length == 1)
        {
            expectedHeader = expectedHeader[..1];
        }
        Assert.That(delta[4..(4 + expectedHeader.Length)], Is.EqualTo(expectedHeader));
        Assert.That(delta, Has.Length.EqualTo(4 + expectedHeader.Length + length + 1));
    }

    [TestCase(0L, 1L, "45 00 01")]
    [TestCase(255L, 255L, "45 FF FF")]
    [TestCase(256L, 1L, "49 0100 01")]
    [TestCase(0L, 256L, "46 00 0100")]
    [TestCase(65536L, 65536L, "4F 00010000 00010000")]
    [TestCase(0L, 1L << 30, "47 00 40000000")]
    [TestCase(4294967295L, 65535L, "4E FFFFFFFF FFFF")]
    [TestCase(4294967296L, 1L, "51 0000000100000000 01")]
    [TestCase(1L << 40, 1L << 33, "54 0000010000000000 0000000200000000")]
    public void Copies_use_the_shortest_widths_for_position_and_length(long position, long length, string command)
    {
        Assert.That(Emit(w => w.Copy(position, length)), Is.EqualTo([.. Hex("72730236"), .. Hex(command), 0]));
    }

    [Test]
    public void Adjacent_copies_merge_and_zero_lengths_are_dropped()
    {
        byte[] delta = Emit(w =>
        {
            w.Copy(10, 5);
            w.Copy(15, 5);
            w.Literal([]);
            w.Copy(99, 0);
            w.Copy(20, 1);
            w.Copy(0, 3);
        });

        Assert.That(delta, Is.EqualTo(Hex("72730236 45 0A 0B 45 00 03 00")));
    }

    [Test]
    public void Literal_pieces_gather_into_one_command_and_split_at_the_cap()
    {
        byte[] delta = Emit(w =>
        {
            w.Literal([1, 2]);
            w.Literal([3]);
        });
        Assert.That(delta, Is.EqualTo(Hex("72730236 03 010203 00")));

        var output = new MemoryStream();
        var writer = new DeltaWriter(output, literalCapacity: 100);
        writer.Literal(new byte[250]);
        DeltaStats stats = writer.Finish();
        Assert.That(stats.LiteralCommands, Is.EqualTo(3));
        Assert.That(stats.LiteralBytes, Is.EqualTo(250));
    }

    internal static byte[] Hex(string text) => Convert.FromHexString(text.Replace(" ", "", StringComparison.Ordinal));

    private static byte[] Emit(Action<DeltaWriter> write)
    {
        var output = new MemoryStream();
        var writer = new DeltaWriter(output);
        write(writer);
        DeltaStats stats = writer.Finish();
        Assert.That(stats.DeltaBytes, Is.EqualTo(output.Length));
        return output.ToArray();
    }
}
