namespace RdiffCore;

/// <summary>The repository's last backup was interrupted and must be regressed first; the message names the path and the fix.</summary>
public sealed class NeedsRegressException : RdiffException
{
    /// <summary>Creates the error with its one-line message.</summary>
    public NeedsRegressException(string message) : base(message) { }

    /// <summary>The error of a read or remove on an interrupted repository (<paramref name="shownRoot"/> as printed).</summary>
    internal static NeedsRegressException Before(string shownRoot) =>
        new($"the last backup to '{shownRoot}' was interrupted; run 'rdiffsharp regress {shownRoot}' first");
}
