using RdiffCore.Model;
using RdiffCore.Reporting;

namespace RdiffCore.Source;

/// <summary>
/// The source side of a backup, as the repository side sees it: the walk, and the data of a file on
/// request. Locally a direct call; over ssh the same calls become protocol messages.
/// </summary>
internal interface ISourceTree
{
    /// <summary>The entries in canonical order; per-file problems of the walk go to <paramref name="errors"/>.</summary>
    IEnumerable<SourceEntry> Walk(IFileErrors errors);

    /// <summary>A regular file's bytes, as the walk described it.</summary>
    /// <exception cref="Backup.SkippedFileException">The file cannot be read as it was walked (the backup goes on).</exception>
    Stream OpenData(SourceEntry entry);

    /// <summary>
    /// The collated pairs, passed on in order as the engine consumes them. A remote source looks
    /// ahead here and asks for the data <paramref name="want"/> names before the engine needs it,
    /// so the wait for the network is not paid once per file; a local one has nothing to ask.
    /// </summary>
    IEnumerable<(SourceEntry? Entry, MetadataRecord? Old)> LookAhead(IEnumerable<(SourceEntry? Entry, MetadataRecord? Old)> collated,
        Func<SourceEntry, MetadataRecord?, DataWant> want) => collated;
}
