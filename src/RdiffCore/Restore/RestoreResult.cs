namespace RdiffCore.Restore;

/// <summary>What a restore did.</summary>
/// <param name="SessionTime">The session restored (the latest at or before the time asked for).</param>
/// <param name="Entries">Paths restored.</param>
/// <param name="FileErrors">Paths that could not be restored (named in warnings).</param>
/// <param name="Warning">A non-empty target directory was overwritten under --force, or restore.log could not be written (rdiff-backup's exit code 2).</param>
public sealed record RestoreResult(long SessionTime, long Entries, int FileErrors, bool Warning = false);
