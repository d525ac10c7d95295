using RdiffCore.History;
using RdiffCore.Increments;
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

    private SessionView(RepositoryLock repositoryLock, RepositoryLayout layout, RepositoryState state, RelPath subPath, long mirrorTime, long session, IncrementName? increment)
    {
        Increment = increment;
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

    /// <summary>The increment the location named (a restore from an increment), else null.</summary>
    public IncrementName? Increment { get; }

    /// <summary>Opens the repository above <paramref name="location"/>; <paramref name="warn"/> hears about a lock that could not be taken (a read-only repository).</summary>
    public static SessionView Open(byte[] location, string at, long? currentTime, byte[]? charsToQuote, TimeZoneInfo? zone, Action<string> warn) =>
        Open(location, at, incrementAsked: null, currentTime, charsToQuote, zone, warn);

    /// <summary>
    /// Opens the repository above <paramref name="location"/> for a restore, which may also name an
    /// increment (<see cref="IncrementLocation"/>): its time is then the session's, and no
    /// <paramref name="at"/> may be given; <paramref name="increment"/> (--increment) insists on one.
    /// A null <paramref name="at"/> otherwise means now.
    /// </summary>
    public static SessionView OpenForRestore(byte[] location, string? at, bool increment, long? currentTime, byte[]? charsToQuote, TimeZoneInfo? zone, Action<string> warn) =>
        Open(location, at, increment, currentTime, charsToQuote, zone, warn);

    private static SessionView Open(byte[] location, string? at, bool? incrementAsked, long? currentTime, byte[]? charsToQuote, TimeZoneInfo? zone, Action<string> warn)
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
            IncrementLocation? named = incrementAsked is not null && IncrementLocation.InDataDirectory(quotedSubPath)
                ? IncrementLocation.Parse(quotedSubPath, layout.Quoting) ?? throw NotAnIncrement(location)
                : null;
            if (named is null && incrementAsked == true)
            {
                throw new RdiffException($"restore --increment needs an increment, as rdiff-backup-data/increments/NAME.TIME.TYPE[.gz]; '{RepositoryPreparer.Show(location)}' is not one: leave out --increment, or give an increment");
            }
            if (named is not null && at is not null)
            {
                throw new RdiffException($"restore got both an increment ('{RepositoryPreparer.Show(location)}'), which gives the time, and a time to restore at ('{at}'); leave out the time");
            }
            long now = currentTime ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            long time = named is IncrementLocation increment ? increment.Name.Time : TimeSpec.Parse(at ?? "now", now, state.SessionTimes, zone ?? TimeZoneInfo.Local);
            RelPath subPath = named?.Path ?? layout.Quoting.Unquote(quotedSubPath);
            return new SessionView(repositoryLock, layout, state, subPath, mirrorTime, RestoreEngine.Snap(state.SessionTimes, time), named?.Name);
        }
        catch
        {
            repositoryLock.Dispose();
            throw;
        }
    }

    public void Dispose() => _lock.Dispose();

    /// <summary>A path in rdiff-backup-data that is not an increment: nothing there is restored (rdiff-backup restores nothing from it, and says nothing).</summary>
    private static RdiffException NotAnIncrement(byte[] location) =>
        new($"'{RepositoryPreparer.Show(location)}' lies in rdiff-backup-data but is not an increment (rdiff-backup-data/increments/NAME.TIME.TYPE[.gz], or rdiff-backup-data/increments.TIME.dir for the whole tree); give an increment, the repository or a path in its mirror");
}
