namespace RdiffCore.History;

/// <summary>What `remove increments --older-than TIME` (`--remove-older-than`) is asked to do.</summary>
public sealed record RemoveOptions
{
    /// <summary>The repository's directory (its root: a sub-path is refused, as by rdiff-backup).</summary>
    public required byte[] Repository { get; init; }

    /// <summary>The time spec (format.md §4.2).</summary>
    public required string OlderThan { get; init; }

    /// <summary>--size: each session's line also gives the bytes of its increments, as `list increments --size` does.</summary>
    public bool Sizes { get; init; }

    /// <summary>Needed to remove more than one session.</summary>
    public bool Force { get; init; }

    /// <summary>--current-time: the reference for relative specs; null for now.</summary>
    public long? CurrentTime { get; init; }

    /// <summary>The zone of time specs and of the times printed; null for the local zone.</summary>
    public TimeZoneInfo? TimeZone { get; init; }

    /// <summary>rdiff-backup's --api-version (201 takes lock.yml).</summary>
    public int ApiVersion { get; init; } = 200;

    /// <summary>--chars-to-quote, overriding the stored class; null to use the stored one.</summary>
    public byte[]? CharsToQuote { get; init; }
}
