namespace RdiffCore.Delta;

/// <summary>Tuning for <see cref="ReverseDelta"/>; the defaults suit backups.</summary>
internal sealed record ReverseDeltaOptions
{
    /// <summary>The new data's expected length, which sizes the index; null: the stream's length, else the old file's.</summary>
    public long? NewLengthHint { get; init; }

    /// <summary>Block size of the index; null chooses from the length (<see cref="BlockIndex.ChooseBlockSize"/>).</summary>
    public int? BlockSize { get; init; }

    /// <summary>Threads scanning the old file at once.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Old-file bytes per unit of parallel work.</summary>
    public int SegmentSize { get; init; } = 2 << 20;

    /// <summary>Whether phase A follows the old file along the new data (<see cref="DiagonalFollower"/>); off, phase B scans all of it.</summary>
    public bool FollowDiagonal { get; init; } = true;
}
