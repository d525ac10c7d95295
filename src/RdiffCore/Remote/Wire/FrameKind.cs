namespace RdiffCore.Remote.Wire;

/// <summary>What a frame's payload is (protocol.md "Frames"); bit 7 of the kind byte marks a compressed payload.</summary>
internal enum FrameKind : byte
{
    /// <summary>A request or an answer, encoded as the call defines.</summary>
    Message = 1,

    /// <summary>A piece of a long stream (file data, a delta, a metadata stream).</summary>
    Data = 2,

    /// <summary>The end of the stream on its channel; the payload is empty.</summary>
    End = 3,

    /// <summary>The call on this channel failed; the payload is one UTF-8 line.</summary>
    Error = 4,

    /// <summary>The receiver of the stream on this channel took the payload's count of bytes (LEB128): the sender may send that many more.</summary>
    Credit = 5,
}
