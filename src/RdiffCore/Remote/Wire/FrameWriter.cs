using System.Buffers.Binary;
using ZstdSharp;

namespace RdiffCore.Remote.Wire;

/// <summary>
/// Writes frames to the pipe to the peer. Several threads may write: each frame goes out whole.
/// A payload is sent compressed (zstd level 1) only when the link is slow enough for that to pay
/// (<see cref="CompressionPolicy"/>) and it saves at least an eighth; the caller says when not to
/// try at all (data known to be compressed).
/// </summary>
internal sealed class FrameWriter : IDisposable
{
    private const int SmallestWorthCompressing = 512;
    private readonly Stream _output;
    private readonly Lock _lock = new();
    private readonly Compressor _compressor = new(1);
    private readonly byte[] _header = new byte[Frame.HeaderSize];
    private readonly byte[] _compressed = new byte[Compressor.GetCompressBound(Frame.MaxPayload)];
    private readonly CompressionPolicy _policy = new();
    private int _unflushed;
    private long _writeTicks;

    /// <summary>Writes to <paramref name="output"/>, which the caller flushes through <see cref="Flush"/> and closes.</summary>
    public FrameWriter(Stream output)
    {
        _output = output;
    }

    /// <summary>Bytes written to the pipe so far, headers included.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Writes one frame; <paramref name="payload"/> is at most <see cref="Frame.MaxPayload"/> bytes.</summary>
    public void Write(FrameKind kind, uint channel, ReadOnlySpan<byte> payload, bool tryCompression = false)
    {
        if (payload.Length > Frame.MaxPayload)
        {
            throw new ArgumentOutOfRangeException(nameof(payload), $"a frame carries at most {Frame.MaxPayload} bytes");
        }
        lock (_lock)
        {
            ReadOnlySpan<byte> body = payload;
            byte kindByte = (byte)kind;
            if (tryCompression && payload.Length >= SmallestWorthCompressing && _policy.ShouldTry())
            {
                long started = CompressionPolicy.Now;
                int size = _compressor.Wrap(payload, _compressed);
                _policy.Compressed(payload.Length, size, CompressionPolicy.Now - started);
                if (size <= payload.Length - payload.Length / 8)
                {
                    body = _compressed.AsSpan(0, size);
                    kindByte |= Frame.CompressedFlag;
                }
            }
            _header[0] = kindByte;
            BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(1), channel);
            BinaryPrimitives.WriteInt32LittleEndian(_header.AsSpan(5), body.Length);
            long writing = CompressionPolicy.Now;
            _output.Write(_header);
            _output.Write(body);
            _writeTicks += CompressionPolicy.Now - writing;
            _unflushed += Frame.HeaderSize + body.Length;
            BytesWritten += Frame.HeaderSize + body.Length;
        }
    }

    /// <summary>Sends what is buffered; called when the writer has nothing more to say for now.</summary>
    public void Flush()
    {
        lock (_lock)
        {
            long flushing = CompressionPolicy.Now;
            _output.Flush();
            // Small frames say little about the link: only what carried real volume is measured.
            if (_unflushed >= 16 << 10)
            {
                _policy.Wrote(_unflushed, _writeTicks + CompressionPolicy.Now - flushing);
            }
            _unflushed = 0;
            _writeTicks = 0;
        }
    }

    /// <summary>Frees the compressor; the pipe is the caller's.</summary>
    public void Dispose() => _compressor.Dispose();
}
