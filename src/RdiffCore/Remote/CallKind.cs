namespace RdiffCore.Remote;

/// <summary>The first field of every request message: which call it is (protocol.md "Calls").</summary>
internal enum CallKind : ulong
{
    /// <summary>Is the far side there, which version is it, and is PATH a directory it may serve? (`rdiffsharp test`)</summary>
    Probe = 1,

    /// <summary>Stream the walk of an open source: its entries in canonical order, and the per-file errors met.</summary>
    Walk = 2,

    /// <summary>Open a directory of the far side as a backup source (checked, selection compiled there); answered with its number.</summary>
    OpenSource = 3,

    /// <summary>File data of an open source: requests one way, whole files or forward deltas the other, in order.</summary>
    Fetch = 4,

    /// <summary>Run a backup into a repository of the far side, from a source of the side that asks (a push).</summary>
    Backup = 5,

    /// <summary>Run a repository action (list, verify, status, regress, remove) on a repository of the far side; its output streams back.</summary>
    RunAction = 6,

    /// <summary>Stream a session's records and file data at and below a path of a repository of the far side, for a restore here.</summary>
    Restore = 7,

    /// <summary>Write a restore into a target of the far side, from a repository of the side that asks (it streams as for Restore).</summary>
    RestoreInto = 8,

    /// <summary>Compare a repository of the far side with a source of the side that asks (its differences stream back).</summary>
    Compare = 9,
}
