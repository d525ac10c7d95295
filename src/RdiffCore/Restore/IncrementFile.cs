using RdiffCore.Increments;

namespace RdiffCore.Restore;

/// <summary>One increment on disk: its path and its parsed name.</summary>
internal sealed record IncrementFile(byte[] Path, IncrementName Name);
