using RdiffCore.Model;

namespace RdiffCore.Verify;

/// <summary>
/// Membership in a walk that yields paths in canonical order, asked in that same order: the walk is
/// advanced as the questions go, so nothing of the tree is held in memory.
/// </summary>
internal sealed class OrderedPaths(IEnumerable<RelPath> paths) : IDisposable
{
    private readonly IEnumerator<RelPath> _paths = paths.GetEnumerator();
    private bool _started;
    private bool _more;

    /// <summary>Whether the walk holds <paramref name="path"/>; paths must be asked in increasing order.</summary>
    public bool Contains(RelPath path)
    {
        if (!_started)
        {
            _started = true;
            _more = _paths.MoveNext();
        }
        while (_more && RelPathComparer.Instance.Compare(_paths.Current, path) < 0)
        {
            _more = _paths.MoveNext();
        }
        return _more && RelPathComparer.Instance.Compare(_paths.Current, path) == 0;
    }

    public void Dispose() => _paths.Dispose();
}
