using RdiffCore.Platform.Posix;

namespace RdiffCore.Backup;

/// <summary>
/// The changes to the mirror that destroy an old state (renames over mirror files, unlinks, rmdirs)
/// and the directory attributes that must follow them. They wait here until the increments that
/// preserve the old states are durable: one syncfs per batch instead of an fsync per file, keeping
/// rdiff-backup's order "increment durable, then mirror changed" (rdiff-backup-format.md §3.3).
/// A batch that no increment protects (every batch of a first backup) needs no sync: nothing old is
/// destroyed, and the session's last sync comes before its marker.
/// </summary>
internal sealed class CommitQueue(RootedTree repository, bool fsync)
{
    private const int MaxActions = 4096;
    private const long MaxPendingBytes = 256L << 20;

    private readonly List<Action> _actions = [];
    private readonly List<byte[]> _temps = [];
    private long _pendingBytes;
    private int _incrementsSynced;

    /// <summary>How many increment files were written so far; null when the session writes none.</summary>
    public Func<int>? IncrementsWritten { get; set; }

    /// <summary>Queues a mirror change; <paramref name="temp"/> names the temp file it would put in place, if any.</summary>
    public void Enqueue(Action action, long bytesWritten = 0, byte[]? temp = null)
    {
        _actions.Add(action);
        if (temp is not null)
        {
            _temps.Add(temp);
        }
        _pendingBytes += bytesWritten;
        if (_actions.Count >= MaxActions || _pendingBytes >= MaxPendingBytes)
        {
            Flush();
        }
    }

    /// <summary>Makes every written increment durable, then carries out the queued mirror changes in order.</summary>
    public void Flush()
    {
        if (_actions.Count == 0)
        {
            return;
        }
        int increments = IncrementsWritten?.Invoke() ?? 0;
        if (fsync && increments != _incrementsSynced)
        {
            repository.SyncFs();
            _incrementsSynced = increments;
        }
        foreach (Action action in _actions)
        {
            action();
        }
        _actions.Clear();
        _temps.Clear();
        _pendingBytes = 0;
    }

    /// <summary>
    /// After a fatal error: the queued changes are dropped (the mirror keeps the old states) and their
    /// temp files removed, best effort. On a full disk that gives back the space a regress needs.
    /// </summary>
    public void Abandon()
    {
        foreach (byte[] temp in _temps)
        {
            try
            {
                repository.UnlinkIfPresent(temp);
            }
            catch (PosixException)
            {
                // A regress removes what is left (entries missing from the metadata).
            }
        }
        _actions.Clear();
        _temps.Clear();
        _pendingBytes = 0;
    }
}
