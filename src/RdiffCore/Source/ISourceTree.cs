namespace RdiffCore.Source;

/// <summary>
/// The source side of a backup, as the repository side sees it: the walk, and the data of a file on
/// request. Locally a direct call; over ssh the same calls become protocol messages.
/// </summary>
internal interface ISourceTree
{
    IEnumerable<SourceEntry> Walk();

    Stream OpenData(SourceEntry entry);
}
