namespace RdiffCore.Restore;

/// <summary>What a restore did.</summary>
/// <param name="SessionTime">The session restored (the latest at or before the time asked for).</param>
/// <param name="Entries">Paths restored.</param>
/// <param name="FileErrors">Paths that could not be restored (named in warnings).</param>
public sealed record RestoreResult(long SessionTime, long Entries, int FileErrors);
