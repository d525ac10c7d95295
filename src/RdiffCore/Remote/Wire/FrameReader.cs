using System.Buffers.Binary;
using ZstdSharp;

namespace RdiffCore.Remote.Wire;

/// <summary>
/// Reads frames from the pipe from the peer, one thread at a time. Nothing the peer sends is
/// trusted: the length is checked against the cap before anything is allocated, the kind must be
/// known, and a compressed payload may not expand past the cap.
/// </summary>
internal sealed class FrameReader : IDisposable
{
    private readonly Stream _input;
    private readonly string _peer;
    private readonly Decompressor _decompressor = new();
    private readonly byte[] _header = new byte[Frame.HeaderSize];

    /// <param name="input">The pipe.</param>
    /// <param name="peer">Who is at the other end, for messages ("the server on backuphost").</param>
    public FrameReader(Stream input, string peer)
    {
        _input = input;
        _peer = peer;
    }

    /// <summary>The pipe, for the handshake that precedes the first frame.</summary>
    public Stream Input => _input;

    /// <summary>Bytes read from the pipe so far, headers included.</summary>
    public long BytesRead { get; private set; }

    /// <summary>The next frame, or null when the peer closed the pipe between frames.</summary>
    /// <exception cref="ProtocolException">A frame that breaks the protocol, or a pipe closed inside one.</exception>
    public Frame? Read()
    {
        int got = _input.ReadAtLeast(_header, _header.Length, throwOnEndOfStream: false);
        if (got == 0)
        {
            return null;
        }
        if (got < _header.Length)
        {
            throw Closed();
        }
        byte kindByte = _header[0];
        var kind = (FrameKind)(kindByte & ~Frame.CompressedFlag);
        uint channel = BinaryPrimitives.ReadUInt32LittleEndian(_header.AsSpan(1));
        int length = BinaryPrimitives.ReadInt32LittleEndian(_header.AsSpan(5));
        if (!Enum.IsDefined(kind))
        {
            throw new ProtocolException($"{_peer} sent a frame of unknown kind {kindByte}; the connection was closed (is it the same rdiffsharp version?)");
        }
        if (length < 0 || length > Frame.MaxPayload)
        {
            throw new ProtocolException($"{_peer} sent a frame of {(uint)length} bytes, over the limit of {Frame.MaxPayload}; the connection was closed");
        }
        // Not zeroed: every byte is read into it next.
        byte[] payload = GC.AllocateUninitializedArray<byte>(length);
        if (_input.ReadAtLeast(payload, length, throwOnEndOfStream: false) < length)
        {
            throw Closed();
        }
        BytesRead += Frame.HeaderSize + length;
        if ((kindByte & Frame.CompressedFlag) == 0)
        {
            return new Frame(kind, channel, payload);
        }
        return new Frame(kind, channel, Decompress(payload));
    }

    /// <summary>Frees the decompressor; the pipe is the caller's.</summary>
    public void Dispose() => _decompressor.Dispose();

    private byte[] Decompress(byte[] payload)
    {
        ulong declared;
        try
        {
            declared = Decompressor.GetDecompressedSize(payload);
        }
        catch (ZstdException e)
        {
            throw new ProtocolException($"{_peer} sent a compressed frame that is not zstd ({e.Message}); the connection was closed", e);
        }
        if (declared > Frame.MaxPayload)
        {
            throw new ProtocolException($"{_peer} sent a compressed frame that expands to {declared} bytes, over the limit of {Frame.MaxPayload}; the connection was closed");
        }
        var output = new byte[declared];
        try
        {
            int size = _decompressor.Unwrap(payload, output);
            return size == output.Length ? output : output[..size];
        }
        catch (ZstdException e)
        {
            throw new ProtocolException($"{_peer} sent a damaged compressed frame ({e.Message}); the connection was closed", e);
        }
    }

    private ProtocolException Closed() =>
        new($"the connection to {_peer} closed in the middle of a frame (the far side stopped, or the network went away)");
}
