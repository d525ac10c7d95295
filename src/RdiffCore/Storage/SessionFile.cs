using RdiffCore.Increments;

namespace RdiffCore.Storage;

/// <summary>One per-session file of rdiff-backup-data (marker, metadata, statistics...), by its parsed name.</summary>
internal sealed record SessionFile(byte[] Path, IncrementName Name)
{
    public long Time => Name.Time;

    public bool BaseIs(ReadOnlySpan<byte> baseName) => Name.Base.AsSpan().SequenceEqual(baseName);
}
