namespace RdiffCore.Increments;

/// <summary>The type word of an increment or rdiff-backup-data file name (format.md §1.3, §1.9).</summary>
internal enum IncrementType
{
    /// <summary>A full copy of the old state (or the special file itself).</summary>
    Snapshot,

    /// <summary>Marks a directory that changed below; carries the old directory's attributes.</summary>
    Dir,

    /// <summary>The path did not exist at that time.</summary>
    Missing,

    /// <summary>A reverse delta from the newer state to this one.</summary>
    Diff,

    /// <summary>Session files in rdiff-backup-data (statistics, logs); ignored by restore inside increments/.</summary>
    Data,
}
