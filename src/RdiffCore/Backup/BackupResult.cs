namespace RdiffCore.Backup;

/// <summary>What a backup did.</summary>
/// <param name="SessionTime">The session's time (epoch seconds).</param>
/// <param name="FileErrors">Paths that could not be backed up (logged in error_log and backup.log).</param>
/// <param name="ChangedFiles">New, changed and deleted paths.</param>
public sealed record BackupResult(long SessionTime, int FileErrors, long ChangedFiles)
{
    /// <summary>True when an interrupted backup was regressed first (rdiff-backup's warning bit 2 in the exit code).</summary>
    public bool Regressed { get; init; }
}
