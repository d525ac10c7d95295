using RdiffCore.Model;

namespace RdiffCore.Selection;

/// <summary>
/// A filelist of literal paths. rdiff-backup sorts the lines and walks them with a cursor as the
/// tree is walked in the same order; this answers, for any path, what that cursor would answer:
/// an excluded line excludes itself and everything below it, an included line includes itself,
/// everything below it and the directories above it, except that a line sorting just after the path
/// and saying nothing about it hides the lines after it (the cursor stops there).
/// </summary>
internal sealed class FilelistRule : CompiledRule
{
    private readonly FilelistEntry[] _sorted;
    private readonly HashSet<RelPath> _excluded;
    private readonly HashSet<RelPath> _included;

    public FilelistRule(IEnumerable<FilelistEntry> entries, bool canExclude, string description)
        : base(description, canExclude)
    {
        _sorted = [.. entries];
        // Excluding lines first among equal paths, as Python sorts (path, 0) before (path, 1).
        Array.Sort(_sorted, (a, b) =>
        {
            int order = RelPathComparer.Instance.Compare(a.Path, b.Path);
            return order != 0 ? order : a.Include.CompareTo(b.Include);
        });
        _excluded = [.. _sorted.Where(e => !e.Include).Select(e => e.Path)];
        _included = [.. _sorted.Where(e => e.Include).Select(e => e.Path)];
    }

    public override SelectionDecision? Test(in SelectionCandidate candidate, ReadOnlySpan<char> fullPath)
    {
        RelPath path = candidate.Path;
        if (_excluded.Count > 0)
        {
            // Every line at or above the path sorts before it, so the cursor meets those first.
            for (RelPath at = path; ; at = at.Parent)
            {
                if (_excluded.Contains(at))
                {
                    return SelectionDecision.Exclude;
                }
                if (at.IsRoot)
                {
                    break;
                }
            }
        }
        if (_included.Contains(path))
        {
            return SelectionDecision.Include;
        }
        int next = FirstAfter(path);
        if (next < _sorted.Length && _sorted[next].Include && _sorted[next].Path.IsAtOrBelow(path))
        {
            return SelectionDecision.Include;
        }
        return null;
    }

    /// <summary>The index of the first line that sorts strictly after <paramref name="path"/>.</summary>
    private int FirstAfter(RelPath path)
    {
        int low = 0;
        int high = _sorted.Length;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (RelPathComparer.Instance.Compare(_sorted[middle].Path, path) <= 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }
}
