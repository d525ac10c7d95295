using RdiffCore.Model;

namespace RdiffCore.Regress;

/// <summary>Orders the names of one directory's children as the metadata lists them (index order).</summary>
internal sealed class NameComparer : IComparer<byte[]>
{
    public static NameComparer Instance { get; } = new();

    public int Compare(byte[]? x, byte[]? y) => RelPathComparer.CompareBytes(x, y);
}
