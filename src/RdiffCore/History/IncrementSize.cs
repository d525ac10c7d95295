namespace RdiffCore.History;

/// <summary>One line of `list increments --size`: a session, the bytes of its increment files (of the mirror, for the newest) and the running total from the mirror back.</summary>
internal sealed record IncrementSize(long Time, long Size, long TotalSize);
