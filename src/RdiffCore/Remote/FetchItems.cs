namespace RdiffCore.Remote;

/// <summary>The items of a Fetch channel (protocol.md "Backup"), each a LEB128 tag and its fields.</summary>
internal static class FetchItems
{
    /// <summary>Requests: a whole file (path, device, inode, compressible).</summary>
    public const ulong Whole = 1;

    /// <summary>Requests: a forward delta (the same fields, then the signature's length); signature parts follow.</summary>
    public const ulong Delta = 2;

    /// <summary>Requests: the next part of the pending signature.</summary>
    public const ulong SignaturePart = 3;

    /// <summary>Answers: bytes of the current answer (file data or delta).</summary>
    public const ulong Chunk = 1;

    /// <summary>Answers: the current answer is complete; its field is the SHA-1 of the source data for a delta, else empty.</summary>
    public const ulong Done = 2;

    /// <summary>Answers: the file could not be read (rdiff-backup's error type and a message); ends the answer.</summary>
    public const ulong Failed = 3;

    /// <summary>About how much goes in one frame.</summary>
    public const int Batch = 256 << 10;
}
