using RdiffCore.Platform.Posix;

namespace RdiffCore.Backup;

/// <summary>
/// The changes to the mirror that destroy an old state (renames over mirror files, unlinks, rmdirs)
/// and the directory attributes that must follow them. They wait here until the increments that
/// preserve the old states are durable: one syncfs per batch instead of an fsync per file, keeping
/// rdiff-backup's order "increment durable, then mirror changed" (format.md §3.3).
/// The same sync makes the new mirror files' data durable before they are renamed into place. That
/// matters even when no increment was written (API 201 keeps none for a file whose contents did not
/// change): after a power loss between the rename and the commit, the old metadata still describes
/// that file with its old SHA-1 and a regress keeps it, so its data must not be lost to an empty
/// file that was renamed before its blocks reached the disk.
/// A first backup needs no sync per batch: it has no metadata that could describe a half-written
/// mirror, and its one sync comes before its marker.
/// </summary>
/// <param name="repository">The repository's tree (its file system is synced, its temp files removed on failure).</param>
/// <param name="fsync">Sync before each batch of an incremental backup; false with --no-fsync and for a first backup.</param>
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

    /// <summary>
    /// Makes every written increment and new mirror file durable, then carries out the queued mirror
    /// changes in order. Also called with nothing queued, before a change made on the spot (a file
    /// that became a directory is removed at once): its increment must be durable first all the same.
    /// </summary>
    public void Flush()
    {
        int increments = IncrementsWritten?.Invoke() ?? 0;
        // _temps: this batch renames new mirror files into place.
        if (fsync && (increments != _incrementsSynced || _temps.Count > 0))
        {
            repository.SyncFs();
            _incrementsSynced = increments;
        }
        if (_actions.Count == 0)
        {
            return;
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
