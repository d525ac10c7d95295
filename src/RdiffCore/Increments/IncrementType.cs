namespace RdiffCore.Increments;

/// <summary>The type word of an increment-style file name (rdiff-backup-format.md §1.3).</summary>
internal enum IncrementType
{
    Snapshot,
    Dir,
    Missing,
    Diff,
    Data,
}
