using RdiffCore.Increments;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Sessions;
using RdiffCore.Storage;

namespace RdiffCore.History;

/// <summary>
/// `remove increments --older-than TIME` (format.md §3.6): the sessions are those of
/// the root increments older than TIME; every increment-named file of rdiff-backup-data older than
/// the newest of them plus one second goes (increments, metadata, statistics, logs, long-name
/// increments), then every directory left empty. Diffs point to newer states, so no later restore
/// needs what is removed. More than one session needs --force. Logged to remove.log.
/// </summary>
public static class RemoveEngine
{
    /// <summary>Removes the old sessions; <paramref name="note"/> and <paramref name="warn"/> receive rdiff-backup's messages.</summary>
    public static RemoveResult Run(RemoveOptions options, Action<string> note, Action<string> warn)
    {
        byte[] root = PosixFs.AbsolutePath(options.Repository);
        var plainLayout = new RepositoryLayout(root);
        if (!PosixFs.TryLStat(plainLayout.DataDirectory, out FileStatus data) || data.Kind != FileKind.Directory)
        {
            throw new RdiffException($"'{RepositoryPreparer.Show(root)}' is not the top of a repository (no rdiff-backup-data in it); increments can only be removed for the whole repository");
        }
        using RepositoryLock repositoryLock = RepositoryLock.Take(plainLayout, exclusive: true, options.ApiVersion, "");
        RepositoryLayout layout = plainLayout.WithQuoting(RepositorySettings.ForReading(plainLayout, options.CharsToQuote).Quoting);
        RepositoryState state = RepositoryState.Read(layout);
        if (state.MirrorTime is null)
        {
            throw new RdiffException($"'{RepositoryPreparer.Show(root)}' has no finished backup; nothing to remove");
        }
        if (state.Interrupted)
        {
            throw NeedsRegressException.Before(RepositoryPreparer.Show(root));
        }
        TimeZoneInfo zone = options.TimeZone ?? TimeZoneInfo.Local;
        long now = options.CurrentTime ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        long olderThan = TimeSpec.Parse(options.OlderThan, now, state.SessionTimes, zone);
        using ActionLog log = ActionLog.Open(layout, "remove", options.ApiVersion);
        // --size: the sessions and their sizes as `list increments --size` has them, the mirror's left out.
        Dictionary<long, long>? sizes = options.Sizes
            ? IncrementLister.Sizes(RepositoryLocation.Root(layout)).SkipLast(1).GroupBy(s => s.Time).ToDictionary(g => g.Key, g => g.First().Size)
            : null;
        List<long> sessions = [.. ((IEnumerable<long>?)sizes?.Keys ?? state.RootIncrementTimes).Where(t => t < olderThan).Distinct().Order()];
        if (sessions.Count == 0)
        {
            Logged(log.Note, note)($"No increments older than {Asctime.Format(olderThan, zone)} found, exiting.");
            Logged(log.Warning, warn)($"No increment is older than '{options.OlderThan}'");
            return new RemoveResult([], 0);
        }
        string times = string.Join("\n", sessions.Select(t => sizes is null
            ? Asctime.Format(t, zone)
            : $"{Asctime.Format(t, zone),-24} {SessionStatistics.PrettySize(sizes[t]),17}"));
        if (sessions.Count > 1 && !options.Force)
        {
            throw new RdiffException(
                $"Found {sessions.Count} relevant increments, dates/times:\n{times}\nIf you want to delete multiple increments in this way, use the --force option.");
        }
        Logged(log.Note, note)(sessions.Count > 1 ? $"Deleting increments at dates/times:\n{times}" : $"Deleting increment at date/time: {times}");
        // The newest removed session plus one: nothing of a later session is touched.
        long cutoff = sessions[^1] + 1;
        long removed = Prune(layout, layout.DataDirectory, cutoff);
        return new RemoveResult(sessions, removed);
    }

    /// <summary>Deletes, depth first, every increment-named file older than <paramref name="cutoff"/> and every directory left empty.</summary>
    private static long Prune(RepositoryLayout layout, byte[] directory, long cutoff)
    {
        long removed = 0;
        foreach (byte[] name in layout.Tree.ReadDirectory(directory))
        {
            byte[] path = RepositoryLayout.Join(directory, name);
            if (!layout.Tree.TryLStat(path, out FileStatus status))
            {
                continue;
            }
            if (status.Kind == FileKind.Directory)
            {
                removed += Prune(layout, path, cutoff);
                if (layout.Tree.ReadDirectory(path).Count == 0)
                {
                    layout.Tree.RmDir(path);
                }
            }
            else if (IncrementName.TryParse(layout.Quoting.Unquote(name), out IncrementName parsed) && parsed.Time < cutoff)
            {
                layout.Tree.Unlink(path);
                removed++;
            }
        }
        return removed;
    }

    private static Action<string> Logged(Action<string> log, Action<string> show) => line =>
    {
        log(line);
        show(line);
    };
}
