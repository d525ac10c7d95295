namespace RdiffCore.Selection;

/// <summary>
/// A selection option cannot be used (a bad glob or regular expression, a missing filelist, a path
/// outside the source, a glob that cannot match under it); raised before anything is written.
/// </summary>
public sealed class SelectionException : RdiffException
{
    /// <summary>Creates the error with its one-line message.</summary>
    public SelectionException(string message) : base(message) { }
}
