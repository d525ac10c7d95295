using System.Text;
using RdiffCore.Changes;
using RdiffCore.History;
using RdiffCore.Increments;
using RdiffCore.Metadata;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Sessions;
using RdiffCore.Storage;

namespace RdiffCore.Restore;

/// <summary>
/// Restores a repository path as of a session: the metadata of that session says what exists and
/// with which attributes; regular files are rebuilt from the mirror and the reverse deltas.
/// Directories get their attributes after their children.
/// </summary>
public static class RestoreEngine
{
    /// <summary>Runs the restore; per-file problems are reported through <paramref name="warn"/> and counted.</summary>
    public static RestoreResult Run(RestoreOptions options, Action<string> warn)
    {
        // Mapping files are read first: a bad one must fail before the target is touched.
        var names = new OwnerNames();
        OwnerMap users = OwnerMap.Create(names, users: true, options.PreserveNumericalIds, options.UserMappingFile);
        OwnerMap groups = OwnerMap.Create(names, users: false, options.PreserveNumericalIds, options.GroupMappingFile);
        byte[] target = PosixFs.AbsolutePath(options.Target);
        using SessionView view = SessionView.OpenForRestore(options.Source, options.At, options.Increment, options.CurrentTime, options.CharsToQuote, options.TimeZone, warn);

        CheckTargetOutside(target, view.Layout.Root);
        Selection.Selection? selection = RestoreRules.Compile(options, view.SubPath, target);

        // rdiff-backup opens restore.log in the repository even when nothing is logged (§1.14).
        using ActionLog log = ActionLog.Open(view.Layout, "restore", 200);
        Action<string> show = warn;
        if (log.NotOpened is string reason)
        {
            // A read-only repository (other owner, read-only media): restored from all the same, as rdiff-backup does.
            show($"cannot write the repository's restore.log ({reason}); restoring without it");
        }
        warn = line =>
        {
            log.Warning(line);
            show(line);
        };
        var records = new SessionRecords(view, warn);
        var attributes = new AttributeApplier(names, users, groups, Environment.IsPrivilegedProcess, options.Xattrs, options.Acls, warn);
        (long entries, int errors, bool overwritten) = RestoreTarget.Write(options, target, selection, records.Read(options.Stop), view.SubPath,
            (targetTree, scratch) => new RebuiltData(new Reconstructor(view.Layout, records.Increments, view.MirrorTime, targetTree, scratch), view.Session),
            attributes, warn, show);
        int lost = records.Finish(warn, show);
        return new RestoreResult(view.Session, entries, errors + lost, overwritten || log.NotOpened is not null);
    }

    /// <summary>Names the paths the metadata lacks (the first ten, then a count); returns how many there are.</summary>
    internal static int ReportMissing(List<RelPath> missing, RepositoryState state, long session, Action<string> warn)
    {
        string file = state.MetadataChainFrom(session) is [MetadataFileRef first, ..] ? RepositoryPreparer.Show(first.Path) : "(none)";
        foreach (RelPath path in missing.Take(10))
        {
            warn($"the metadata of this backup ({file}) lacks '{path}', which the mirror and the increments show existed then: the metadata is damaged, restore it from a copy of the repository");
        }
        if (missing.Count > 10)
        {
            warn($"the metadata of this backup ({file}) lacks {missing.Count - 10} more paths");
        }
        return missing.Count;
    }

    /// <summary>The latest session at or before the time asked for, else the oldest (§4.1).</summary>
    internal static long Snap(IReadOnlyList<long> sessions, long time)
    {
        long chosen = sessions[0];
        foreach (long session in sessions)
        {
            if (session <= time)
            {
                chosen = session;
            }
        }
        return chosen;
    }

    /// <summary>Finds the repository root above a path and the path's place in the mirror.</summary>
    internal static (RepositoryLayout Layout, RelPath SubPath) Locate(byte[] path) =>
        RepositoryLayout.FindAbove(path)
            ?? throw new RdiffException($"'{RepositoryPreparer.Show(path)}' is not in a repository (no rdiff-backup-data above it); give the backup's directory");

    /// <summary>
    /// A restore into the repository, or over a directory that holds it, would overwrite the very
    /// files it reads (rdiff-backup 2.2.2 restoring a repository onto itself removes its
    /// rdiff-backup-data): refused before anything is written, with or without --force.
    /// </summary>
    private static void CheckTargetOutside(byte[] target, byte[] repository)
    {
        string shownTarget = RepositoryPreparer.Show(target), shownRepository = RepositoryPreparer.Show(repository);
        if (PathOverlap.IsAtOrBelow(target, repository))
        {
            string where = PathOverlap.IsAtOrBelow(repository, target) ? "is the repository" : "lies inside the repository";
            throw new RdiffException($"restore target '{shownTarget}' {where} '{shownRepository}'; restore to a directory outside the repository");
        }
        if (PathOverlap.IsAtOrBelow(repository, target))
        {
            throw new RdiffException($"restore target '{shownTarget}' contains the repository '{shownRepository}'; restore to a directory outside the repository");
        }
    }

    internal static string SessionTimeText(long session) => DateTimeOffset.FromUnixTimeSeconds(session).ToString("u", System.Globalization.CultureInfo.InvariantCulture);

    internal static string Show(RelPath path) => Encoding.UTF8.GetString(path.Bytes);
}
