namespace RdiffCore.Metadata;

/// <summary>One mirror_metadata file of the repository: its session time (epoch seconds), full path, and whether it is a snapshot (else a diff).</summary>
internal readonly record struct MetadataFileRef(long Time, byte[] Path, bool IsSnapshot);
