using RdiffCore.Selection;

namespace RdiffCore.Restore;

/// <summary>What one restore does; the command line fills it from rdiff-backup's options.</summary>
public sealed record RestoreOptions
{
    /// <summary>A repository, or a path inside its mirror (OS path bytes): that subtree or file is restored.</summary>
    public required byte[] Source { get; init; }

    /// <summary>Where the restored tree or file goes (OS path bytes).</summary>
    public required byte[] Target { get; init; }

    /// <summary>The time specification (rdiff-backup's grammar: now, 3D, 2B, a date...); null: now, or the time of the increment <see cref="Source"/> names.</summary>
    public string? At { get; init; }

    /// <summary>--increment (1.x --restore): <see cref="Source"/> must be an increment, whose time is restored.</summary>
    public bool Increment { get; init; }

    /// <summary>The reference time for relative specifications (--current-time); null: now.</summary>
    public long? CurrentTime { get; init; }

    /// <summary>--force: replace an existing target.</summary>
    public bool Force { get; init; }

    /// <summary>Owners by id instead of by name (--preserve-numerical-ids).</summary>
    public bool PreserveNumericalIds { get; init; }

    /// <summary>--user-mapping-file: recorded user (name or id) to the user to restore as, one old:new per line.</summary>
    public byte[]? UserMappingFile { get; init; }

    /// <summary>--group-mapping-file: the same for groups.</summary>
    public byte[]? GroupMappingFile { get; init; }

    /// <summary>Restore extended attributes (--no-eas turns it off).</summary>
    public bool Xattrs { get; init; } = true;

    /// <summary>Restore POSIX ACLs (--no-acls turns it off).</summary>
    public bool Acls { get; init; } = true;

    /// <summary>--chars-to-quote: overrides the repository's chars_to_quote (§1.15); null: the stored one.</summary>
    public byte[]? CharsToQuote { get; init; }

    /// <summary>Selection rules in command-line order; they match paths that start with <see cref="Target"/> as given.</summary>
    public IReadOnlyList<SelectionRule> Selection { get; init; } = [];

    /// <summary>--null-separator: filelists are NUL-separated.</summary>
    public bool NullSeparator { get; init; }

    /// <summary>The zone for dates without one; null: the local zone.</summary>
    public TimeZoneInfo? TimeZone { get; init; }

    /// <summary>--tempdir: where intermediate versions of files rebuilt from several reverse deltas are written; null: beside the file in the target.</summary>
    public byte[]? TempDirectory { get; init; }

    /// <summary>A request to stop (a signal), checked between entries: the restore throws <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken Stop { get; init; }
}
