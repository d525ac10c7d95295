using RdiffCore.Selection;

namespace RdiffCore.Backup;

/// <summary>What one backup does; the command line fills it from rdiff-backup's options.</summary>
public sealed record BackupOptions
{
    /// <summary>The directory to back up (OS path bytes).</summary>
    public required byte[] Source { get; init; }

    /// <summary>The repository: the mirror's root directory (OS path bytes).</summary>
    public required byte[] Repository { get; init; }

    /// <summary>The session time in epoch seconds (--current-time); null: now.</summary>
    public long? CurrentTime { get; init; }

    /// <summary>--force: back up into a non-empty directory that is not a repository.</summary>
    public bool Force { get; init; }

    /// <summary>Gzip increments and statistics (--no-compression turns it off).</summary>
    public bool Compression { get; init; } = true;

    /// <summary>--not-compressed-regexp; null: rdiff-backup's default list of compressed formats.</summary>
    public string? NoCompressionRegex { get; init; }

    /// <summary>Owners by id instead of by name (--preserve-numerical-ids).</summary>
    public bool PreserveNumericalIds { get; init; }

    /// <summary>--user-mapping-file: source user (name or id) to the mirror's user, one old:new per line.</summary>
    public byte[]? UserMappingFile { get; init; }

    /// <summary>--group-mapping-file: the same for groups.</summary>
    public byte[]? GroupMappingFile { get; init; }

    /// <summary>Back up extended attributes (--no-eas turns it off).</summary>
    public bool Xattrs { get; init; } = true;

    /// <summary>Back up POSIX ACLs (--no-acls turns it off).</summary>
    public bool Acls { get; init; } = true;

    /// <summary>Keep hard links (--no-hard-links turns it off).</summary>
    public bool HardLinks { get; init; } = true;

    /// <summary>Make increments durable before the mirror changes (--no-fsync turns it off).</summary>
    public bool Fsync { get; init; } = true;

    /// <summary>200 (rdiff-backup's default) or 201 (lock.yml, metadata compression follows --no-compression).</summary>
    public int ApiVersion { get; init; } = 200;

    /// <summary>Write file_statistics (--no-file-statistics turns it off).</summary>
    public bool FileStatistics { get; init; } = true;

    /// <summary>Session times in file names with '-' instead of ':' (--use-compatible-timestamps).</summary>
    public bool CompatibleTimestamps { get; init; }

    /// <summary>
    /// --chars-to-quote: the class of bytes to quote in names on disk (§1.15), written to a new
    /// repository; an existing repository must already use the same. Null: the stored one, or none.
    /// </summary>
    public byte[]? CharsToQuote { get; init; }

    /// <summary>The time zone the session times are written in; null: the local zone, as rdiff-backup.</summary>
    public TimeZoneInfo? TimeZone { get; init; }

    /// <summary>The selection options in command-line order (rdiff-backup's --include/--exclude family); empty: everything.</summary>
    public IReadOnlyList<SelectionRule> Selection { get; init; } = [];

    /// <summary>--null-separator: filelists are NUL-separated.</summary>
    public bool NullSeparator { get; init; }

    /// <summary>
    /// A request to stop (a signal): checked between entries; the backup then throws
    /// <see cref="OperationCanceledException"/> and leaves an interrupted session that a regress undoes.
    /// </summary>
    public CancellationToken Stop { get; init; }
}
