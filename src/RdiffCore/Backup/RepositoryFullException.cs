using RdiffCore.Platform.Posix;

namespace RdiffCore.Backup;

/// <summary>
/// The repository's filesystem ran out of space (or quota) during a backup. The backup stops at
/// once; every mirror change so far was preceded by its durable increment and the new
/// current_mirror marker, so the repository is left for a regress (format.md §3.3, §3.5).
/// </summary>
public sealed class RepositoryFullException : RdiffException
{
    /// <summary>Creates the error with its one-line message.</summary>
    public RepositoryFullException(string message, Exception inner) : base(message, inner) { }

    /// <summary>ENOSPC or EDQUOT, from our own system calls or from .NET's file streams (which carry the errno as HResult).</summary>
    internal static bool IsFull(Exception error) => error switch
    {
        PosixException posix => posix.Errno is Errno.ENOSPC or Errno.EDQUOT,
        IOException io when io.HResult is (int)Errno.ENOSPC or (int)Errno.EDQUOT => true,
        _ => error.InnerException is Exception inner && IsFull(inner),
    };

    /// <summary>The message for <paramref name="repository"/>: what happened, that nothing is lost, and the fix.</summary>
    internal static RepositoryFullException For(string repository, bool firstBackup, Exception error)
    {
        string what = error is PosixException { Errno: Errno.EDQUOT } || error.HResult == (int)Errno.EDQUOT ? "disk quota exceeded" : "no space left on device";
        string rest = firstBackup
            ? "the first backup stopped: free space, then run the backup again (it starts over)"
            : $"the backup stopped, the previous one is intact: free space, then run 'rdiff-backup --check-destination-dir {repository}' to undo the partial backup, and run the backup again";
        return new RepositoryFullException($"the repository '{repository}' is full ({what}); {rest}", error);
    }
}
