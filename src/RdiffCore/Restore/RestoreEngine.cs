using System.Text;
using RdiffCore.Changes;
using RdiffCore.History;
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
        using SessionView view = SessionView.Open(options.Source, options.At, options.CurrentTime, options.CharsToQuote, options.TimeZone, warn);
        (RepositoryLayout layout, RepositoryState state, RelPath subPath, long mirrorTime, long session) =
            (view.Layout, view.State, view.SubPath, view.MirrorTime, view.Session);

        Selection.Selection? selection = RestoreRules.Compile(options, subPath, target);

        // rdiff-backup opens restore.log in the repository even when nothing is logged (§1.14).
        using ActionLog log = ActionLog.Open(layout, "restore", 200);
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
        (bool existing, bool overwritten) = PrepareTarget(target, options.Force, keep: selection is not null, show);
        using var writer = new RestoreWriter(
            target,
            new Reconstructor(layout, new IncrementIndex(layout), mirrorTime),
            new AttributeApplier(names, users, groups, Environment.IsPrivilegedProcess, options.Xattrs, options.Acls, warn),
            session,
            warn)
        {
            IntoExisting = existing,
        };
        bool found = false;
        int damaged = 0;
        IEnumerable<(MetadataRecord Record, RelPath Relative)> Tree()
        {
            foreach (MetadataRecord record in MetadataSalvage.Read(PreviousMetadata.Read(state, session), layout, session == mirrorTime, line =>
            {
                damaged++;
                warn(line);
            }))
            {
                // The safe point for a signal: between two entries.
                options.Stop.ThrowIfCancellationRequested();
                if (!record.Path.IsAtOrBelow(subPath))
                {
                    if (found)
                    {
                        yield break;
                    }
                    continue;
                }
                found = true;
                yield return (record, record.Path.RelativeTo(subPath));
            }
        }
        IEnumerable<(MetadataRecord Record, RelPath Relative)> tree = selection is null ? Tree() : RestoreFilter.Filter(Tree(), selection);
        if (existing && selection is not null)
        {
            TargetPatcher.Apply(tree, TargetWalk.Selected(target, selection!), target, writer);
        }
        else
        {
            foreach ((MetadataRecord record, RelPath relative) in tree)
            {
                writer.Write(record, relative);
            }
        }
        writer.Finish();
        if (!found)
        {
            throw new RdiffException($"'{subPath}' did not exist in the backup of {SessionTimeText(session)}; list the backups with 'rdiffsharp list increments'");
        }
        return new RestoreResult(session, writer.Entries, writer.Errors + damaged, overwritten || log.NotOpened is not null);
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
    /// The target as rdiff-backup accepts it: a missing path or an empty directory is restored into;
    /// anything else needs --force. A file is then removed; a directory is emptied, or with rules
    /// kept to be patched (what the rules exclude stays). The directory itself stays, so a mount
    /// point can be restored into. Returns whether the target is an existing directory, and whether
    /// rdiff-backup counts the overwrite as a warning (a non-empty directory; a file it only mentions).
    /// </summary>
    private static (bool Existing, bool Warning) PrepareTarget(byte[] target, bool force, bool keep, Action<string> warn)
    {
        if (!PosixFs.TryLStat(target, out FileStatus status))
        {
            return (false, false);
        }
        string shown = RepositoryPreparer.Show(target);
        bool directory = status.Kind == FileKind.Directory;
        List<byte[]> children = directory ? PosixFs.ReadDirectory(target) : [];
        if (directory && children.Count == 0)
        {
            return (true, false);
        }
        if (!force)
        {
            throw new RdiffException(directory
                ? $"restore target '{shown}' exists and is not empty; use --force to overwrite it"
                : $"restore target '{shown}' exists and is not a directory; use --force to overwrite it");
        }
        if (!directory)
        {
            warn($"Target path {shown} exists but isn't a directory, and will be force deleted");
            PosixFs.RemoveTree(target);
            return (false, false);
        }
        warn($"Target path {shown} exists and isn't empty, content might be force overwritten by restore");
        if (!keep)
        {
            foreach (byte[] name in children)
            {
                PosixFs.RemoveTree(RelPath.Join(target, name));
            }
        }
        return (true, true);
    }

    private static string SessionTimeText(long session) => DateTimeOffset.FromUnixTimeSeconds(session).ToString("u", System.Globalization.CultureInfo.InvariantCulture);

    internal static string Show(RelPath path) => Encoding.UTF8.GetString(path.Bytes);
}
