using RdiffCore.Model;

namespace RdiffCore.Backup;

/// <summary>A directory of the mirror that the backup is inside of, with what must happen when it is left.</summary>
internal sealed class DirectoryFrame(RelPath path, MetadataRecord? old, MetadataRecord? target)
{
    public RelPath Path { get; } = path;

    /// <summary>The previous session's record (null for a new directory).</summary>
    public MetadataRecord? Old { get; } = old;

    /// <summary>The directory's new record; null when it is deleted or replaced by a non-directory.</summary>
    public MetadataRecord? Target { get; } = target;

    /// <summary>Its increment (.dir or .missing, or the snapshot of what it replaced) is written.</summary>
    public bool IncrementWritten { get; set; }

    /// <summary>Something inside changed, so its attributes must be set again when it is left.</summary>
    public bool Touched { get; set; }

    /// <summary>Its listing failed: everything below keeps its old state.</summary>
    public bool Frozen { get; init; }

    /// <summary>For a directory replaced by a non-directory: puts the new entry in place once the old directory is empty.</summary>
    public Action? Replace { get; init; }
}
