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
        (RepositoryLayout layout, RepositoryState state, RelPath subPath, long mirrorTime, long session) =
            (view.Layout, view.State, view.SubPath, view.MirrorTime, view.Session);

        CheckTargetOutside(target, layout.Root);
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
        // The target is created and filled through its parent's handle: nothing the restore writes
        // follows a symlink inside the target, whatever the target held before or gains meanwhile.
        using RootedTree targetTree = RootedTree.Open(Parent(target));
        (bool existing, bool overwritten) = PrepareTarget(targetTree, target, options.Force, keep: selection is not null, show);
        var increments = new IncrementIndex(layout);
        var presence = new PresenceCheck(layout, increments, session, mirrorTime, subPath);
        using ScratchDirectory? scratch = options.TempDirectory is null ? null : ScratchDirectory.Create(options.TempDirectory, "rdiffsharp-restore-");
        using var writer = new RestoreWriter(
            targetTree,
            target,
            new Reconstructor(layout, increments, mirrorTime, targetTree, scratch?.Tree),
            new AttributeApplier(names, users, groups, Environment.IsPrivilegedProcess, options.Xattrs, options.Acls, warn),
            session,
            warn,
            scratch)
        {
            IntoExisting = existing,
        };
        bool found = false;
        int damaged = 0;
        bool noMetadata = state.MetadataFiles.Count == 0;
        if (MetadataFromTree.Announcement(state, session) is string announcement)
        {
            warn(announcement);
        }
        IEnumerable<MetadataRecord> Records() => noMetadata
            ? new MetadataFromTree(layout, increments, session, mirrorTime).Read(subPath)
            : MetadataSalvage.Read(PreviousMetadata.Read(state, session), layout, session == mirrorTime, line =>
            {
                damaged++;
                warn(line);
            });
        IEnumerable<MetadataRecord> Below()
        {
            foreach (MetadataRecord record in Records())
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
                yield return record;
            }
        }
        IEnumerable<(MetadataRecord Record, RelPath Relative)> Tree()
        {
            // Without metadata the records come from the very listings the check would make.
            foreach (MetadataRecord record in noMetadata ? Below() : presence.Watch(Below()))
            {
                yield return (record, record.Path.RelativeTo(subPath));
            }
        }
        IEnumerable<(MetadataRecord Record, RelPath Relative)> tree = selection is null ? Tree() : RestoreFilter.Filter(Tree(), selection);
        if (existing && selection is not null)
        {
            TargetPatcher.Apply(tree, TargetWalk.Selected(targetTree, target, selection!), targetTree, target, writer);
        }
        else
        {
            foreach ((MetadataRecord record, RelPath relative) in tree)
            {
                writer.Write(record, relative);
            }
        }
        writer.Finish();
        // Damage already named explains what is missing; otherwise the metadata lost records quietly.
        int lacking = damaged == 0 ? ReportMissing(presence.Missing, state, session, warn) : 0;
        // Damaged metadata was named already, and counts; the path may well be in what it hid.
        if (!found && damaged == 0 && view.Increment is { Type: IncrementType.Missing })
        {
            // The increment itself says the path was absent then: nothing to restore, as in rdiff-backup (exit 0).
            show($"'{subPath}' did not exist at {SessionTimeText(view.Increment.Value.Time)} (its increment is a .missing marker): nothing was restored");
        }
        else if (!found && damaged == 0)
        {
            throw new RdiffException($"'{subPath}' did not exist in the backup of {SessionTimeText(session)}; list the backups with 'rdiffsharp list increments'");
        }
        return new RestoreResult(session, writer.Entries, writer.Errors + damaged + lacking, overwritten || log.NotOpened is not null);
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

    /// <summary>
    /// The target as rdiff-backup accepts it: a missing path or an empty directory is restored into;
    /// anything else needs --force. A file is then removed; a directory is emptied, or with rules
    /// kept to be patched (what the rules exclude stays). The directory itself stays, so a mount
    /// point can be restored into. Returns whether the target is an existing directory, and whether
    /// rdiff-backup counts the overwrite as a warning (a non-empty directory; a file it only mentions).
    /// </summary>
    private static (bool Existing, bool Warning) PrepareTarget(RootedTree tree, byte[] target, bool force, bool keep, Action<string> warn)
    {
        if (!tree.TryLStat(target, out FileStatus status))
        {
            return (false, false);
        }
        string shown = RepositoryPreparer.Show(target);
        bool directory = status.Kind == FileKind.Directory;
        List<byte[]> children = directory ? tree.ReadDirectory(target) : [];
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
            tree.RemoveTree(target);
            return (false, false);
        }
        warn($"Target path {shown} exists and isn't empty, content might be force overwritten by restore");
        if (!keep)
        {
            foreach (byte[] name in children)
            {
                tree.RemoveTree(RelPath.Join(target, name));
            }
        }
        return (true, true);
    }

    /// <summary>The directory that holds <paramref name="path"/> (an absolute path); "/" for "/" itself.</summary>
    private static byte[] Parent(byte[] path)
    {
        int slash = path.AsSpan().LastIndexOf((byte)'/');
        return slash <= 0 ? "/"u8.ToArray() : path[..slash];
    }

    private static string SessionTimeText(long session) => DateTimeOffset.FromUnixTimeSeconds(session).ToString("u", System.Globalization.CultureInfo.InvariantCulture);

    internal static string Show(RelPath path) => Encoding.UTF8.GetString(path.Bytes);
}
