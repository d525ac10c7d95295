using System.Text;

namespace RdiffCore.Model;

/// <summary>
/// A path relative to the backed-up root, as raw bytes with '/' between components. The root is
/// the empty path (written "." in metadata files). Names are bytes because Linux names need not be
/// UTF-8; strings are for display only.
/// </summary>
internal readonly struct RelPath : IEquatable<RelPath>
{
    private readonly byte[]? _bytes;

    public RelPath(byte[] bytes)
    {
        _bytes = bytes.Length == 0 ? null : bytes;
    }

    public static RelPath Root => default;

    public bool IsRoot => _bytes is null;

    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The last component; empty for the root.</summary>
    public ReadOnlySpan<byte> Name
    {
        get
        {
            ReadOnlySpan<byte> bytes = _bytes;
            return bytes[(bytes.LastIndexOf((byte)'/') + 1)..];
        }
    }

    /// <summary>The parent path; the root's parent is the root.</summary>
    public RelPath Parent
    {
        get
        {
            ReadOnlySpan<byte> bytes = _bytes;
            int slash = bytes.LastIndexOf((byte)'/');
            return slash < 0 ? Root : new RelPath(bytes[..slash].ToArray());
        }
    }

    public int Depth
    {
        get
        {
            ReadOnlySpan<byte> bytes = _bytes;
            return bytes.IsEmpty ? 0 : bytes.Count((byte)'/') + 1;
        }
    }

    public RelPath Append(ReadOnlySpan<byte> name)
    {
        if (IsRoot)
        {
            return new RelPath(name.ToArray());
        }
        var joined = new byte[_bytes!.Length + 1 + name.Length];
        _bytes.CopyTo(joined, 0);
        joined[_bytes.Length] = (byte)'/';
        name.CopyTo(joined.AsSpan(_bytes.Length + 1));
        return new RelPath(joined);
    }

    /// <summary>True when this path is <paramref name="ancestor"/> or lies below it.</summary>
    public bool IsAtOrBelow(RelPath ancestor)
    {
        if (ancestor.IsRoot)
        {
            return true;
        }
        ReadOnlySpan<byte> mine = _bytes;
        ReadOnlySpan<byte> theirs = ancestor.Bytes;
        return mine.StartsWith(theirs) && (mine.Length == theirs.Length || mine[theirs.Length] == (byte)'/');
    }

    /// <summary>This path with <paramref name="ancestor"/> taken off the front.</summary>
    public RelPath RelativeTo(RelPath ancestor)
    {
        if (ancestor.IsRoot)
        {
            return this;
        }
        ReadOnlySpan<byte> mine = _bytes;
        return mine.Length == ancestor.Bytes.Length ? Root : new RelPath(mine[(ancestor.Bytes.Length + 1)..].ToArray());
    }

    /// <summary>Joins this path below an absolute directory, as the bytes of an OS path.</summary>
    public byte[] Under(ReadOnlySpan<byte> directory)
    {
        if (IsRoot)
        {
            return directory.ToArray();
        }
        var joined = new byte[directory.Length + 1 + _bytes!.Length];
        directory.CopyTo(joined);
        joined[directory.Length] = (byte)'/';
        _bytes.CopyTo(joined, directory.Length + 1);
        return joined;
    }

    /// <summary>"directory/name" as OS path bytes.</summary>
    public static byte[] Join(ReadOnlySpan<byte> directory, ReadOnlySpan<byte> name)
    {
        var joined = new byte[directory.Length + 1 + name.Length];
        directory.CopyTo(joined);
        joined[directory.Length] = (byte)'/';
        name.CopyTo(joined.AsSpan(directory.Length + 1));
        return joined;
    }

    /// <summary>
    /// Whether <paramref name="name"/> can be one component of a path read from a repository: not
    /// empty, not "." or "..", and without '/' or NUL. Anything else would leave the directory it
    /// is joined to, so a name that fails this is damage, never a path.
    /// </summary>
    public static bool IsValidName(ReadOnlySpan<byte> name) =>
        !name.IsEmpty && !name.SequenceEqual("."u8) && !name.SequenceEqual(".."u8) && name.IndexOfAny((byte)'/', (byte)0) < 0;

    /// <summary>
    /// A path as repository files record it: "." for the root, else valid names joined by single
    /// '/'; false for anything else ("", "/", "a//b", "../x", "a/.").
    /// </summary>
    public static bool TryFromRecorded(ReadOnlySpan<byte> recorded, out RelPath path)
    {
        path = Root;
        if (recorded.SequenceEqual("."u8))
        {
            return true;
        }
        foreach (Range component in recorded.Split((byte)'/'))
        {
            if (!IsValidName(recorded[component]))
            {
                return false;
            }
        }
        path = new RelPath(recorded.ToArray());
        return true;
    }

    public static RelPath FromString(string path) => path is "" or "." ? Root : new RelPath(Encoding.UTF8.GetBytes(path.Trim('/')));

    public bool Equals(RelPath other) => Bytes.SequenceEqual(other.Bytes);

    public override bool Equals(object? obj) => obj is RelPath other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Bytes);
        return hash.ToHashCode();
    }

    public static bool operator ==(RelPath left, RelPath right) => left.Equals(right);

    public static bool operator !=(RelPath left, RelPath right) => !left.Equals(right);

    /// <summary>For messages: UTF-8 where valid, "." for the root; bytes that are not UTF-8 become U+FFFD.</summary>
    public override string ToString() => IsRoot ? "." : Encoding.UTF8.GetString(_bytes!);
}
