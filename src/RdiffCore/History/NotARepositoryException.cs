namespace RdiffCore.History;

/// <summary>A path given as a repository (or a path inside one) has no rdiff-backup-data above it, or no finished backup.</summary>
public sealed class NotARepositoryException : RdiffException
{
    /// <summary>Creates the error with its one-line message.</summary>
    public NotARepositoryException(string message) : base(message) { }
}
