using RdiffCore.Model;
using RdiffCore.Selection;

namespace RdiffCore.Restore;

/// <summary>
/// Applies the selection to the repository side of a restore as rdiff-backup 2.2's FilterIter does,
/// which is not its backup walk: every directory is judged on its own, so an excluded directory
/// loses only the files directly in it, not its subdirectories (they are judged again and may be
/// restored, their missing parent then being created bare); a Scan directory is emitted before the
/// first file directly in it that is included. A Scan non-directory (rdiff-backup stops with
/// "Unexpected select value 2") is left out.
/// </summary>
internal static class RestoreFilter
{
    public static IEnumerable<(MetadataRecord Record, RelPath Relative)> Filter(
        IEnumerable<(MetadataRecord Record, RelPath Relative)> records, Selection.Selection selection)
    {
        var branches = new List<Branch>();
        foreach ((MetadataRecord record, RelPath relative) in records)
        {
            while (branches.Count > 0 && !(relative.IsAtOrBelow(branches[^1].Path) && relative != branches[^1].Path))
            {
                branches.RemoveAt(branches.Count - 1);
            }
            SelectionDecision decision = relative.IsRoot
                ? SelectionDecision.Include
                : selection.Evaluate(new SelectionCandidate(relative, record.Kind, record.Size));
            if (record.Kind == FileKind.Directory)
            {
                var branch = new Branch(relative) { Excluded = decision == SelectionDecision.Exclude };
                branches.Add(branch);
                if (decision == SelectionDecision.Include)
                {
                    yield return (record, relative);
                }
                else if (decision == SelectionDecision.Scan)
                {
                    branch.Queued = (record, relative);
                }
                continue;
            }
            Branch? parent = branches.Count > 0 ? branches[^1] : null;
            if (parent is { Excluded: true } || decision != SelectionDecision.Include)
            {
                continue;
            }
            if (parent?.Queued is { } queued)
            {
                yield return queued;
                parent.Queued = null;
            }
            yield return (record, relative);
        }
    }

    private sealed class Branch(RelPath path)
    {
        public RelPath Path { get; } = path;

        public bool Excluded { get; init; }

        public (MetadataRecord Record, RelPath Relative)? Queued { get; set; }
    }
}
