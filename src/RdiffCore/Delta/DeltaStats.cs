namespace RdiffCore.Delta;

/// <summary>What a delta holds: its commands and how many bytes they produce.</summary>
internal sealed record DeltaStats(long LiteralCommands, long LiteralBytes, long CopyCommands, long CopyBytes, long DeltaBytes)
{
    /// <summary>The length of the file the delta produces.</summary>
    public long OutputBytes => LiteralBytes + CopyBytes;
}
