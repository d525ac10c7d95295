namespace RdiffCore.Remote.Wire;

/// <summary>One frame as read: its kind, channel and (decompressed) payload.</summary>
internal readonly record struct Frame(FrameKind Kind, uint Channel, ReadOnlyMemory<byte> Payload)
{
    /// <summary>The longest payload a frame may carry, compressed or not (protocol.md "Frames").</summary>
    public const int MaxPayload = 1 << 20;

    /// <summary>kind, channel, length.</summary>
    public const int HeaderSize = 9;

    /// <summary>Set in the kind byte when the payload is compressed.</summary>
    public const byte CompressedFlag = 0x80;
}
