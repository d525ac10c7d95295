namespace RdiffCore;

/// <summary>Another rdiffsharp or rdiff-backup run holds the repository; the message names the path and the fix.</summary>
public sealed class RepositoryLockedException : RdiffException
{
    /// <summary>Creates the error with its one-line message.</summary>
    public RepositoryLockedException(string message) : base(message) { }
}
