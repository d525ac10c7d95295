namespace RdiffCore.History;

/// <summary>What `remove increments` did.</summary>
/// <param name="RemovedSessions">The session times whose increments were removed, oldest first; empty when none was old enough.</param>
/// <param name="FilesRemoved">Increment and session files deleted.</param>
public sealed record RemoveResult(IReadOnlyList<long> RemovedSessions, long FilesRemoved)
{
    /// <summary>rdiff-backup's warning (exit code 2): no increment was older than the time given.</summary>
    public bool Warning => RemovedSessions.Count == 0;
}
