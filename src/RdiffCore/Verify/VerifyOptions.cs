namespace RdiffCore.Verify;

/// <summary>What one verify does; the command line fills it from rdiff-backup's options.</summary>
public sealed record VerifyOptions
{
    /// <summary>A repository, or a path inside its mirror (OS path bytes): only that subtree is checked.</summary>
    public required byte[] Repository { get; init; }

    /// <summary>The time specification (rdiff-backup's grammar); the latest session at or before it is checked.</summary>
    public string At { get; init; } = "now";

    /// <summary>The reference time for relative specifications (--current-time); null: now.</summary>
    public long? CurrentTime { get; init; }

    /// <summary>--chars-to-quote: overrides the repository's chars_to_quote; null: the stored one.</summary>
    public byte[]? CharsToQuote { get; init; }

    /// <summary>--tempdir: where files rebuilt from reverse deltas are written while hashed; null: the system's temporary directory.</summary>
    public byte[]? TempDirectory { get; init; }

    /// <summary>The zone for dates without one; null: the local zone.</summary>
    public TimeZoneInfo? TimeZone { get; init; }

    /// <summary>A request to stop (a signal), checked between entries: the verify throws <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken Stop { get; init; }
}
