using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Selection;

namespace RdiffCore.Restore;

/// <summary>
/// The entries of an existing restore target that the selection takes, in canonical order: what a
/// restore with rules may replace or delete (rdiff-backup leaves the others alone). A directory is
/// listed only when the walk gets to its entries, and one that is gone by then (the restore replaced
/// it) is empty.
/// </summary>
internal static class TargetWalk
{
    public static IEnumerable<(RelPath Path, FileKind Kind)> Selected(RootedTree tree, byte[] target, Selection.Selection selection)
    {
        IEnumerable<(RelPath Path, FileStatus Status, SelectionDecision Decision)> walk = Walk(tree, target, selection);
        foreach (var entry in SelectionWalk.Filter(walk, e => e.Path, e => e.Status.Kind, e => e.Decision))
        {
            yield return (entry.Path, entry.Status.Kind);
        }
    }

    private static IEnumerable<(RelPath Path, FileStatus Status, SelectionDecision Decision)> Walk(RootedTree tree, byte[] target, Selection.Selection selection)
    {
        var pending = new Stack<(RelPath Path, FileStatus Status)>();
        pending.Push((RelPath.Root, tree.LStat(target)));
        while (pending.Count > 0)
        {
            (RelPath path, FileStatus status) = pending.Pop();
            SelectionDecision decision = path.IsRoot
                ? SelectionDecision.Include
                : selection.Evaluate(new SelectionCandidate(path, status.Kind, status.Size, status.Device));
            yield return (path, status, decision);
            if (status.Kind != FileKind.Directory || decision == SelectionDecision.Exclude)
            {
                continue;
            }
            byte[] full = path.Under(target);
            List<byte[]> children;
            try
            {
                children = tree.ReadDirectory(full);
            }
            catch (PosixException)
            {
                continue;
            }
            children.Sort((a, b) => a.AsSpan().SequenceCompareTo(b));
            for (int i = children.Count - 1; i >= 0; i--)
            {
                RelPath child = path.Append(children[i]);
                if (tree.TryLStat(child.Under(target), out FileStatus childStatus))
                {
                    pending.Push((child, childStatus));
                }
            }
        }
    }
}
