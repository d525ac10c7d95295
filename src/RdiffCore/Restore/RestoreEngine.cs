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
        byte[] target = RepositoryPreparer.Absolute(options.Target);
        using SessionView view = SessionView.Open(options.Source, options.At, options.CurrentTime, options.CharsToQuote, options.TimeZone);
        (RepositoryLayout layout, RepositoryState state, RelPath subPath, long mirrorTime, long session) =
            (view.Layout, view.State, view.SubPath, view.MirrorTime, view.Session);

        Selection.Selection? selection = RestoreRules.Compile(options, subPath, target);

        // rdiff-backup opens restore.log in the repository even when nothing is logged (§1.14).
        using ActionLog log = ActionLog.Open(layout, "restore", 200);
        Action<string> show = warn;
        warn = line =>
        {
            log.Warning(line);
            show(line);
        };
        bool patch = PrepareTarget(target, options.Force, keep: selection is not null);
        using var writer = new RestoreWriter(
            target,
            new Reconstructor(layout, new IncrementIndex(layout), mirrorTime),
            new AttributeApplier(names, users, groups, Environment.IsPrivilegedProcess, options.Xattrs, options.Acls, warn),
            session,
            warn)
        {
            IntoExisting = patch,
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
        if (patch)
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
        return new RestoreResult(session, writer.Entries, writer.Errors + damaged);
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
    /// Clears an existing target (--force); with rules it is kept, to be patched: rdiff-backup leaves
    /// what the rules exclude in place. Returns whether there is a target to patch.
    /// </summary>
    private static bool PrepareTarget(byte[] target, bool force, bool keep)
    {
        if (!PosixFs.TryLStat(target, out FileStatus status))
        {
            return false;
        }
        if (!force)
        {
            throw new RdiffException($"restore target '{RepositoryPreparer.Show(target)}' exists; use --force to replace it");
        }
        if (keep && status.Kind == FileKind.Directory)
        {
            return true;
        }
        RemoveTree(target, status.Kind);
        return false;
    }

    internal static void RemoveTree(byte[] path, FileKind kind)
    {
        if (kind == FileKind.Directory)
        {
            foreach (byte[] name in PosixFs.ReadDirectory(path))
            {
                byte[] child = RelPath.Join(path, name);
                RemoveTree(child, PosixFs.LStat(child).Kind);
            }
            PosixFs.RmDir(path);
        }
        else
        {
            PosixFs.Unlink(path);
        }
    }

    private static string SessionTimeText(long session) => DateTimeOffset.FromUnixTimeSeconds(session).ToString("u", System.Globalization.CultureInfo.InvariantCulture);

    internal static string Show(RelPath path) => Encoding.UTF8.GetString(path.Bytes);
}
