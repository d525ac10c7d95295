namespace RdiffCore.Delta;

/// <summary>A verified run: old-file bytes [OldStart, OldStart+Length) equal new-file bytes from NewStart.</summary>
internal readonly record struct Match(long OldStart, long NewStart, long Length)
{
    public long OldEnd => OldStart + Length;
}
