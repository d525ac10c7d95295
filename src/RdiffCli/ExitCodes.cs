namespace RdiffCli;

/// <summary>
/// Every exit code rdiffsharp uses: rdiff-backup's bit mask, so that scripts written for it keep
/// working. `--help` and the man page print this table; codes add up where two things happened
/// (6: file errors and a warning; 9: a signal stopped the action).
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

    /// <summary>rdiff-backup's file warning, with --api-version 201 only: compare found differences, verify found files without a recorded SHA-1.</summary>
    public const int FileWarnings = 8;

    /// <summary>A signal stopped the action: fatal, and for a backup the repository is left interrupted, as `status` would say.</summary>
    public const int Stopped = Fatal | Interrupted;

    public const string Table = """
        Exit codes:
          0  success
          1  fatal error: nothing more was done; the message names the path and what to do (a missing source, a destination that is not a repository, a damaged repository, a repository in use, a full repository disk: free space, then run rdiff-backup --check-destination-dir on it); also an internal error, reported as a bug; from compare: differences were found (with --api-version 200, the default, as rdiff-backup 2.2)
          2  usage error (unknown action or option, missing argument, bad option value, bad or out-of-range time); also rdiff-backup's warning: verify found files that do not match their SHA-1 (with --api-version 200, the default), or an interrupted backup was regressed first (backup, regress), or restore --force overwrote a non-empty target directory, or a read-only repository was restored from without writing restore.log
          4  finished, but some files could not be backed up or restored (unreadable, vanished or changing while read); each is named on standard error, in the session's error_log and in rdiff-backup-data/backup.log, and keeps its previous version; from status: the last backup finished with file errors; from verify with --api-version 201: files that do not match their SHA-1 (as rdiff-backup 2.2)
          6  4 and 2 together (rdiff-backup's bit mask: codes add up): file errors, and a warning (backup or regress after regressing an interrupted backup, restore --force)
          8  from status: the last backup was interrupted (the next backup regresses it first, or run regress); with --api-version 201 (rdiff-backup's file warning): compare found differences, or verify found files without a recorded SHA-1
          9  1 and 8 together: stopped by SIGINT or SIGTERM at a safe point; a backup leaves the repository as an interrupted backup, which the next backup or regress repairs (a first backup: the next backup starts over); a restore leaves an incomplete target (restore again with --force); regress and remove increments finish first; a second signal kills at once (the shell then shows 128 plus the signal number, as for any killed process)
         12  4 and 8 together: verify with --api-version 201 found files that do not match their SHA-1 and files without one
        """;
}
