namespace RdiffCore.Regress;

/// <summary>What `regress` (`--check-destination-dir`) is asked to do.</summary>
public sealed record RegressOptions
{
    /// <summary>The repository's directory.</summary>
    public required byte[] Repository { get; init; }

    /// <summary>Regress even when the newer marker's process looks alive; with API 201, also regress a good repository by one session.</summary>
    public bool Force { get; init; }

    /// <summary>rdiff-backup's --api-version: 201 adds lock.yml and the forced regress of a good repository.</summary>
    public int ApiVersion { get; init; } = 200;

    /// <summary>Sync before the marker goes (--no-fsync skips it).</summary>
    public bool Fsync { get; init; } = true;

    /// <summary>--chars-to-quote, overriding the stored class as rdiff-backup allows; null to use the stored one.</summary>
    public byte[]? CharsToQuote { get; init; }
}
