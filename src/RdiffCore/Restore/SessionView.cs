using RdiffCore.History;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Storage;

namespace RdiffCore.Restore;

/// <summary>
/// A repository opened for reading as of one session (held under a shared lock until disposed):
/// its layout with the stored quoting, the subtree asked for (unquoted), the mirror's time and the
/// session the time specification picks (§4.1: the latest at or before it). Restore, verify and
/// compare all open a repository through it.
/// </summary>
internal sealed class SessionView : IDisposable
{
    private readonly RepositoryLock _lock;

    private SessionView(RepositoryLock repositoryLock, RepositoryLayout layout, RepositoryState state, RelPath subPath, long mirrorTime, long session)
    {
        _lock = repositoryLock;
        Layout = layout;
        State = state;
        SubPath = subPath;
        MirrorTime = mirrorTime;
        Session = session;
    }

    public RepositoryLayout Layout { get; }

    public RepositoryState State { get; }

    public RelPath SubPath { get; }

    public long MirrorTime { get; }

    public long Session { get; }

    /// <summary>Opens the repository above <paramref name="location"/>; <paramref name="warn"/> hears about a lock that could not be taken (a read-only repository).</summary>
    public static SessionView Open(byte[] location, string at, long? currentTime, byte[]? charsToQuote, TimeZoneInfo? zone, Action<string> warn)
    {
        (RepositoryLayout plainLayout, RelPath quotedSubPath) = RestoreEngine.Locate(PosixFs.AbsolutePath(location));
        var repositoryLock = RepositoryLock.Take(plainLayout, exclusive: false, 200, "", warn);
        try
        {
            RepositoryLayout layout = plainLayout.WithQuoting(RepositorySettings.ForReading(plainLayout, charsToQuote).Quoting);
            RepositoryState state = RepositoryState.Read(layout);
            if (state.MirrorTime is not long mirrorTime)
            {
                throw new RdiffException($"'{RepositoryPreparer.Show(layout.Root)}' has no finished backup");
            }
            if (state.Interrupted)
            {
                throw NeedsRegressException.Before(RepositoryPreparer.Show(layout.Root));
            }
            long now = currentTime ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            long session = RestoreEngine.Snap(state.SessionTimes, TimeSpec.Parse(at, now, state.SessionTimes, zone ?? TimeZoneInfo.Local));
            return new SessionView(repositoryLock, layout, state, layout.Quoting.Unquote(quotedSubPath), mirrorTime, session);
        }
        catch
        {
            repositoryLock.Dispose();
            throw;
        }
    }

    public void Dispose() => _lock.Dispose();
}
