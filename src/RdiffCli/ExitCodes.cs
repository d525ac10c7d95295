namespace RdiffCli;

/// <summary>
/// Every exit code rdiffsharp uses: rdiff-backup's bit mask, so that scripts written for it keep
/// working. `--help` and the man page print this table.
/// </summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Fatal = 1;
    public const int Usage = 2;

    /// <summary>rdiff-backup's warning code: verify found bad files, restore --force overwrote a non-empty directory, or an interrupted backup was regressed first (the same value as a usage error, as in rdiff-backup).</summary>
    public const int Warning = 2;
    public const int FileErrors = 4;

    // Not rdiff-backup's: `status` says the last backup was interrupted (a monitor alerts on it).
    public const int Interrupted = 8;

    public const string Table = """
        Exit codes:
          0  success
          1  fatal error: nothing more was done; the message names the path and what to do (a missing source, a destination that is not a repository, a repository in use, a full repository disk: free space, then run rdiff-backup --check-destination-dir on it)
          2  usage error (unknown action or option, missing argument, bad time specification); also rdiff-backup's warning: verify found files that do not match their SHA-1, or an interrupted backup was regressed first (backup, regress), or restore --force overwrote a non-empty target directory
          4  finished, but some files could not be backed up or restored (unreadable, vanished or changing while read); each is named on standard error, in the session's error_log and in rdiff-backup-data/backup.log, and keeps its previous version; from status: the last backup finished with file errors
          8  status only: the last backup was interrupted (the next backup regresses it first, or run regress)
        """;
}
