namespace RdiffCore.Model;

/// <summary>One extended attribute; name and value are bytes.</summary>
internal sealed record Xattr(byte[] Name, byte[] Value)
{
    public bool Equals(Xattr? other) => other is not null && Name.AsSpan().SequenceEqual(other.Name) && Value.AsSpan().SequenceEqual(other.Value);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Name);
        hash.AddBytes(Value);
        return hash.ToHashCode();
    }
}
