using System.Buffers.Binary;
using System.Diagnostics;
using RdiffCore.Remote.Wire;
using ZstdSharp;

namespace RdiffCore.Tests.Remote;

public sealed class FrameTests
{
    [Test]
    public void Frames_cross_a_real_pipe_whole_and_in_order()
    {
        // cat echoes the bytes back: the frames cross two kernel pipes as they would cross ssh.
        var start = new ProcessStartInfo("cat") { RedirectStandardInput = true, RedirectStandardOutput = true };
        using Process cat = Process.Start(start)!;
        byte[][] payloads = [[], "x"u8.ToArray(), Text(200_000), Random(Frame.MaxPayload, 1), Text(Frame.MaxPayload)];
        Task writing = Task.Run(() =>
        {
            using var writer = new FrameWriter(cat.StandardInput.BaseStream);
            for (int i = 0; i < payloads.Length; i++)
            {
                writer.Write(FrameKind.Data, (uint)i, payloads[i], tryCompression: true);
            }
            writer.Write(FrameKind.End, 7, []);
            writer.Flush();
            cat.StandardInput.Close();
        });
        using var reader = new FrameReader(cat.StandardOutput.BaseStream, "cat");

        for (int i = 0; i < payloads.Length; i++)
        {
            Frame frame = reader.Read()!.Value;
            Assert.That((frame.Kind, frame.Channel), Is.EqualTo((FrameKind.Data, (uint)i)));
            Assert.That(frame.Payload.ToArray(), Is.EqualTo(payloads[i]));
        }
        Assert.That(reader.Read()!.Value.Kind, Is.EqualTo(FrameKind.End));
        Assert.That(reader.Read(), Is.Null, "a pipe closed between frames is the end");
        writing.Wait();
        cat.WaitForExit();
    }

    [Test]
    public void Text_is_sent_compressed_and_random_data_as_it_is()
    {
        var pipe = new MemoryStream();
        using var writer = new FrameWriter(pipe);

        writer.Write(FrameKind.Data, 1, Text(100_000), tryCompression: true);
        long text = writer.BytesWritten;
        writer.Write(FrameKind.Data, 1, Random(100_000, 2), tryCompression: true);
        long random = writer.BytesWritten - text;
        writer.Write(FrameKind.Data, 1, Text(100_000), tryCompression: false);
        long asked = writer.BytesWritten - text - random;

        Assert.That(text, Is.LessThan(20_000));
        Assert.That(random, Is.EqualTo(100_000 + Frame.HeaderSize));
        Assert.That(asked, Is.EqualTo(100_000 + Frame.HeaderSize));
    }

    [Test]
    public void A_pipe_closed_inside_a_frame_is_named()
    {
        var pipe = new MemoryStream();
        using (var writer = new FrameWriter(pipe))
        {
            writer.Write(FrameKind.Message, 3, Text(1000));
        }
        foreach (int cut in new[] { 4, Frame.HeaderSize, Frame.HeaderSize + 500 })
        {
            using var reader = new FrameReader(new MemoryStream(pipe.ToArray()[..cut]), "the server on box");

            var error = Assert.Throws<ProtocolException>(() => reader.Read());
            Assert.That(error!.Message, Does.Contain("the server on box").And.Contain("closed in the middle of a frame"));
        }
    }

    [TestCase(Frame.MaxPayload + 1)]
    [TestCase(-1)]
    [TestCase(int.MaxValue)]
    public void A_length_over_the_cap_is_refused_before_anything_is_allocated(int length)
    {
        byte[] header = Header((byte)FrameKind.Data, length);

        using var reader = new FrameReader(new MemoryStream(header), "peer");

        var error = Assert.Throws<ProtocolException>(() => reader.Read());
        Assert.That(error!.Message, Does.Contain("over the limit"));
    }

    [Test]
    public void An_unknown_kind_is_refused()
    {
        using var reader = new FrameReader(new MemoryStream(Header(77, 0)), "peer");

        var error = Assert.Throws<ProtocolException>(() => reader.Read());
        Assert.That(error!.Message, Does.Contain("unknown kind 77"));
    }

    [Test]
    public void A_compressed_payload_may_not_expand_past_the_cap_or_be_garbage()
    {
        using var compressor = new Compressor(19);
        byte[] bomb = compressor.Wrap(new byte[64 << 20]).ToArray();
        Assert.That(bomb, Has.Length.LessThan(Frame.MaxPayload), "a small frame that would expand to 64 MiB");
        byte[] garbage = Random(1000, 3);

        foreach ((byte[] payload, string message) in new[] { (bomb, "expands to 67108864 bytes"), (garbage, "not zstd") })
        {
            using var reader = new FrameReader(new MemoryStream([.. Header((byte)FrameKind.Data | Frame.CompressedFlag, payload.Length), .. payload]), "peer");

            var error = Assert.Throws<ProtocolException>(() => reader.Read());
            Assert.That(error!.Message, Does.Contain(message));
        }
    }

    private static byte[] Header(byte kind, int length)
    {
        var header = new byte[Frame.HeaderSize];
        header[0] = kind;
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(1), 5);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(5), length);
        return header;
    }

    private static byte[] Text(int size)
    {
        var text = new byte[size];
        for (int i = 0; i < size; i++)
        {
            text[i] = (byte)"the quick brown fox jumps over the lazy dog\n"[i % 44];
        }
        return text;
    }

    private static byte[] Random(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
