using RdiffCore.Model;

namespace RdiffCore.Changes;

/// <summary>Merge-joins two streams sorted in the canonical order into pairs by path.</summary>
internal static class Collator
{
    public static IEnumerable<(TLeft? Left, TRight? Right)> Join<TLeft, TRight>(
        IEnumerable<TLeft> left, Func<TLeft, RelPath> leftPath, IEnumerable<TRight> right, Func<TRight, RelPath> rightPath)
        where TLeft : class
        where TRight : class
    {
        using IEnumerator<TLeft> l = left.GetEnumerator();
        using IEnumerator<TRight> r = right.GetEnumerator();
        bool hasLeft = l.MoveNext();
        bool hasRight = r.MoveNext();
        while (hasLeft || hasRight)
        {
            int order = !hasLeft ? 1 : !hasRight ? -1 : RelPathComparer.Instance.Compare(leftPath(l.Current), rightPath(r.Current));
            if (order < 0)
            {
                yield return (l.Current, null);
                hasLeft = l.MoveNext();
            }
            else if (order > 0)
            {
                yield return (null, r.Current);
                hasRight = r.MoveNext();
            }
            else
            {
                yield return (l.Current, r.Current);
                hasLeft = l.MoveNext();
                hasRight = r.MoveNext();
            }
        }
    }
}
