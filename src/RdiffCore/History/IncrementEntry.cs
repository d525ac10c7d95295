namespace RdiffCore.History;

/// <summary>
/// One line of `list increments`: a session time, what the path was then ("directory",
/// "regular", "missing" or "special") and the name of its increment file (the mirror entry's
/// name for the current mirror), as on disk.
/// </summary>
internal sealed record IncrementEntry(long Time, string Type, byte[] FileName);
