namespace RdiffCore.Model;

/// <summary>
/// The one canonical order of the repository: by tuple of path components, each compared as
/// bytes, so "dir/note" sorts before "dir-x" and a directory comes just before its children.
/// Mapping '/' below every other byte gives exactly that order on the joined bytes.
/// </summary>
internal sealed class RelPathComparer : IComparer<RelPath>
{
    public static RelPathComparer Instance { get; } = new();

    public int Compare(RelPath x, RelPath y) => CompareBytes(x.Bytes, y.Bytes);

    public static int CompareBytes(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        int common = x.CommonPrefixLength(y);
        if (common == x.Length || common == y.Length)
        {
            return x.Length.CompareTo(y.Length);
        }
        return Rank(x[common]).CompareTo(Rank(y[common]));
    }

    private static int Rank(byte b) => b == (byte)'/' ? -1 : b;
}
