using System.Text;
using RdiffCore.Platform.Posix;
using RdiffCore.Sessions;
using RdiffCore.Storage;

namespace RdiffCore.History;

/// <summary>
/// What a monitor needs to know of a repository (`rdiffsharp status`, beyond rdiff-backup): did the
/// last backup finish, when did it run, how long, and how many files had errors.
/// </summary>
/// <param name="Repository">The repository's path, printable.</param>
/// <param name="Interrupted">A backup started after the last finished one and did not finish (two current_mirror markers).</param>
/// <param name="LastFinished">The session time of the last finished backup; null when none finished yet.</param>
/// <param name="InterruptedAt">The session time of the interrupted backup, if any.</param>
/// <param name="Seconds">How long the last finished backup took (session_statistics ElapsedTime), if known.</param>
/// <param name="FileErrors">How many files had errors in the last finished backup, if known.</param>
/// <param name="Sessions">The backups the repository can restore.</param>
/// <param name="Oldest">The oldest of them.</param>
public sealed record RepositoryStatus(string Repository, bool Interrupted, long? LastFinished, long? InterruptedAt, double? Seconds, long? FileErrors,
    int Sessions, long? Oldest)
{
    /// <summary>Reads the status of the repository at or above <paramref name="path"/>.</summary>
    public static RepositoryStatus Read(byte[] path)
    {
        RepositoryLocation location = RepositoryLocation.Find(path);
        RepositoryState state = RepositoryState.Read(location.Layout);
        string shown = PrintablePath.From(location.Layout.Root);
        long? finished = state.MirrorTime;
        long? interruptedAt = state.Interrupted ? state.Markers[^1].Time : null;
        if (finished is null && state.Markers.Count == 0 && state.MetadataFiles.Count == 0)
        {
            throw new NotARepositoryException($"'{shown}' holds no backup yet (no current_mirror marker, no metadata); back up into it first");
        }
        SessionStatistics? statistics = finished is long t ? ReadStatistics(state, t) : null;
        List<long> sessions = state.SessionTimes.Where(s => interruptedAt is null || s != interruptedAt).ToList();
        return new RepositoryStatus(shown, state.Interrupted || finished is null, finished, interruptedAt,
            statistics?.ElapsedTime ?? (statistics is null ? null : statistics.EndTime - statistics.StartTime), statistics?.Errors,
            sessions.Count, sessions.Count > 0 ? sessions[0] : null);
    }

    private static SessionStatistics? ReadStatistics(RepositoryState state, long time)
    {
        if (state.Find("session_statistics"u8, time) is not SessionFile file)
        {
            return null;
        }
        try
        {
            // A few hundred bytes when sound; a file far larger is not read whole.
            using var stream = new FileStream(state.Layout.Tree.OpenRead(file.Path), FileAccess.Read, 4096);
            var text = new byte[64 << 10];
            int length = stream.ReadAtLeast(text, text.Length, throwOnEndOfStream: false);
            return length == text.Length ? null : SessionStatistics.Parse(Encoding.UTF8.GetString(text, 0, length));
        }
        catch (Exception e) when (e is CorruptStatisticsException or PosixException or IOException)
        {
            return null;
        }
    }
}
