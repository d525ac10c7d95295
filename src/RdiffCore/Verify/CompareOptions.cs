using RdiffCore.Selection;

namespace RdiffCore.Verify;

/// <summary>What one compare does; the command line fills it from rdiff-backup's options.</summary>
public sealed record CompareOptions
{
    /// <summary>The directory to compare (OS path bytes).</summary>
    public required byte[] Source { get; init; }

    /// <summary>A repository, or a path inside its mirror (OS path bytes).</summary>
    public required byte[] Repository { get; init; }

    /// <summary>How regular files' data is compared (--method meta|hash|full).</summary>
    public CompareMethod Method { get; init; } = CompareMethod.Meta;

    /// <summary>The time specification (rdiff-backup's grammar); the latest session at or before it is compared.</summary>
    public string At { get; init; } = "now";

    /// <summary>The reference time for relative specifications (--current-time); null: now.</summary>
    public long? CurrentTime { get; init; }

    /// <summary>--chars-to-quote: overrides the repository's chars_to_quote; null: the stored one.</summary>
    public byte[]? CharsToQuote { get; init; }

    /// <summary>Selection rules in command-line order, applied to the source directory (matching paths that start with <see cref="Source"/> as given).</summary>
    public IReadOnlyList<SelectionRule> Selection { get; init; } = [];

    /// <summary>--null-separator: filelists are NUL-separated.</summary>
    public bool NullSeparator { get; init; }

    /// <summary>--parsable-output with --api-version 201: each difference is an entry of rdiff-backup's YAML list ("- path: P" and "  reason: R").</summary>
    public bool Parsable { get; init; }

    /// <summary>--tempdir: where files rebuilt from reverse deltas are written while hashed; null: the system's temporary directory.</summary>
    public byte[]? TempDirectory { get; init; }

    /// <summary>The zone for dates without one; null: the local zone.</summary>
    public TimeZoneInfo? TimeZone { get; init; }

    /// <summary>A request to stop (a signal), checked between entries: the compare throws <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken Stop { get; init; }
}
