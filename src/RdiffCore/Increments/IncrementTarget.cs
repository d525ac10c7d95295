using RdiffCore.Model;

namespace RdiffCore.Increments;

/// <summary>
/// Where the increments of a path go: beside its position under increments/, or, when its names do
/// not fit (format.md §1.10), under its long-name base N in long_filename_data.
/// </summary>
/// <param name="Path">The path the increments preserve.</param>
/// <param name="LongName">The base N in long_filename_data, or null.</param>
internal readonly record struct IncrementTarget(RelPath Path, string? LongName)
{
    /// <summary>The place a recorded path's increments already have: its alternate mirror or increment name, else increments/.</summary>
    public static IncrementTarget Of(MetadataRecord record) =>
        new(record.Path, record.AlternateMirrorName ?? record.AlternateIncrementName);
}
