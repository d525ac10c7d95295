using RdiffCore.Changes;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;

namespace RdiffCore.Restore;

/// <summary>
/// Restores into an existing target with rules, as rdiff-backup patches it: the restored tree and
/// the target's selected entries are merged by path; a selected entry the restore lacks is deleted
/// (a directory once its own entries are done, with rmdir: one still holding excluded entries stops
/// the restore, as rdiff-backup's does); entries the rules exclude in the target are left alone.
/// </summary>
internal static class TargetPatcher
{
    public static void Apply(
        IEnumerable<(MetadataRecord Record, RelPath Relative)> restored,
        IEnumerable<(RelPath Path, FileKind Kind)> selectedInTarget,
        RootedTree tree,
        byte[] target,
        RestoreWriter writer)
    {
        var doomed = new List<RelPath>();
        foreach ((Restored? wanted, Existing? existing) in Collator.Join(
            restored.Select(r => new Restored(r.Record, r.Relative)), r => r.Relative,
            selectedInTarget.Select(e => new Existing(e.Path, e.Kind)), e => e.Path))
        {
            RelPath path = wanted?.Relative ?? existing!.Path;
            RemoveFinished(doomed, path, tree, target);
            if (wanted is not null)
            {
                writer.Write(wanted.Record, wanted.Relative);
            }
            else if (existing!.Kind == FileKind.Directory)
            {
                // rdiff-backup opens the directory up before it empties it, and it stays so if that fails.
                tree.Chmod(existing.Path.Under(target), 0b111_000_000);
                doomed.Add(existing.Path);
            }
            else
            {
                tree.Unlink(existing.Path.Under(target));
            }
        }
        RemoveFinished(doomed, null, tree, target);
    }

    /// <summary>Removes the doomed directories whose subtree the walk has left (all of them when <paramref name="next"/> is null).</summary>
    private static void RemoveFinished(List<RelPath> doomed, RelPath? next, RootedTree tree, byte[] target)
    {
        while (doomed.Count > 0 && (next is not RelPath path || !path.IsAtOrBelow(doomed[^1])))
        {
            RelPath directory = doomed[^1];
            doomed.RemoveAt(doomed.Count - 1);
            try
            {
                tree.RmDir(directory.Under(target));
            }
            catch (PosixException e) when (e.Errno == Errno.ENOTEMPTY)
            {
                throw new RdiffException($"the restore stopped: '{directory}' in the target is not in the backup but holds entries the rules exclude; move them away or change the rules, then restore again");
            }
        }
    }

    private sealed record Restored(MetadataRecord Record, RelPath Relative);

    private sealed record Existing(RelPath Path, FileKind Kind);
}
