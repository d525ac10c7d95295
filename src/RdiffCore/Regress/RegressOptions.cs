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

    /// <summary>--preserve-numerical-ids: owners of the paths put back by recorded id, not by name.</summary>
    public bool PreserveNumericalIds { get; init; }

    /// <summary>--user-mapping-file: lines old:new applied to the recorded owners; null for none.</summary>
    public byte[]? UserMappingFile { get; init; }

    /// <summary>--group-mapping-file: as <see cref="UserMappingFile"/> for groups.</summary>
    public byte[]? GroupMappingFile { get; init; }

    /// <summary>--not-compressed-regexp: regress writes no increment, so it is only checked to compile, as rdiff-backup does.</summary>
    public string? NotCompressedRegexp { get; init; }

    /// <summary>--allow-duplicate-timestamps: two mirror_metadata files of one time are a warning, not a fatal error.</summary>
    public bool AllowDuplicateTimestamps { get; init; }
}
