using RdiffCore.Model;

namespace RdiffCore.Selection;

/// <summary>
/// Applies a selection to a walk in canonical order, as rdiff-backup's selecting iterator does: an
/// excluded directory's entries are skipped, a Scan directory is held back and emitted (with the held
/// directories above it) only just before the first entry inside it that is included, and a Scan
/// non-directory is dropped. The first entry, the base directory, is always kept.
/// </summary>
internal static class SelectionWalk
{
    public static IEnumerable<T> Filter<T>(IEnumerable<T> walk, Func<T, SelectionCandidate> describe, Selection selection) =>
        Filter(walk, e => describe(e).Path, e => describe(e).Kind, e => selection.Evaluate(describe(e)));

    /// <summary>The same, with each entry's decision already taken (by the walk that found it).</summary>
    public static IEnumerable<T> Filter<T>(IEnumerable<T> walk, Func<T, RelPath> pathOf, Func<T, FileKind> kindOf, Func<T, SelectionDecision> decide)
    {
        var held = new List<(RelPath Path, T Entry)>();
        RelPath? skipped = null;
        foreach (T entry in walk)
        {
            RelPath path = pathOf(entry);
            if (skipped is RelPath skip && path.IsAtOrBelow(skip))
            {
                continue;
            }
            skipped = null;
            // Held directories whose subtree is over had nothing included: they are dropped.
            while (held.Count > 0 && !path.IsAtOrBelow(held[^1].Path))
            {
                held.RemoveAt(held.Count - 1);
            }
            SelectionDecision decision = decide(entry);
            if (decision == SelectionDecision.Include)
            {
                foreach ((RelPath _, T directory) in held)
                {
                    yield return directory;
                }
                held.Clear();
                yield return entry;
            }
            else if (decision == SelectionDecision.Scan && kindOf(entry) == FileKind.Directory)
            {
                held.Add((path, entry));
            }
            else
            {
                skipped = path;
            }
        }
    }
}
