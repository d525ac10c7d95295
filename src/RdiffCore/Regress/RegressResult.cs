namespace RdiffCore.Regress;

/// <summary>What a regress did.</summary>
/// <param name="RegressedTo">The session the repository was brought back to; null when nothing was done.</param>
/// <param name="Warning">True when rdiff-backup's warning bit (2) belongs in the exit code: an interrupted backup was regressed, or a forced regress could not be done.</param>
/// <param name="FileErrors">Paths that could not be put back (each was reported).</param>
public sealed record RegressResult(long? RegressedTo, bool Warning, int FileErrors);
