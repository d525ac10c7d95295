using RdiffCore.Increments;
using RdiffCore.Model;

namespace RdiffCore.Backup;

/// <summary>
/// Where one changed path lives in the repository this session (format.md §1.10): its
/// mirror entry (quoted, or long_filename_data/N when its name does not fit) and its increments,
/// with the alternate name its new metadata record must carry.
/// </summary>
/// <param name="Mirror">The mirror entry's OS path.</param>
/// <param name="Increments">Where its increments go.</param>
/// <param name="AlternateMirrorName">N when the data itself lives in long_filename_data.</param>
/// <param name="AlternateIncrementName">N when only the increments live there.</param>
internal sealed record Placement(byte[] Mirror, IncrementTarget Increments, string? AlternateMirrorName, string? AlternateIncrementName)
{
    /// <summary>The record to store: at most one alternate name, the mirror one first (as rdiff-backup writes them).</summary>
    public MetadataRecord Record(MetadataRecord record) => record with
    {
        AlternateMirrorName = AlternateMirrorName,
        AlternateIncrementName = AlternateMirrorName is null ? AlternateIncrementName : null,
    };
}
