using System.Text;
using RdiffCore.Model;

namespace RdiffCore.Storage;

/// <summary>Every path of a repository in one place (rdiff-backup-format.md §1.1), as OS path bytes.</summary>
internal sealed class RepositoryLayout
{
    public RepositoryLayout(byte[] root)
    {
        Root = root;
        DataDirectory = Join(root, "rdiff-backup-data"u8);
        IncrementsDirectory = Join(DataDirectory, "increments"u8);
    }

    /// <summary>The mirror's root directory (the repository).</summary>
    public byte[] Root { get; }

    public byte[] DataDirectory { get; }

    public byte[] IncrementsDirectory { get; }

    public byte[] DataFile(ReadOnlySpan<byte> name) => Join(DataDirectory, name);

    public byte[] DataFile(string name) => Join(DataDirectory, Encoding.UTF8.GetBytes(name));

    public byte[] MirrorPath(RelPath path) => path.Under(Root);

    /// <summary>The directory under increments/ that holds the increments of the children of <paramref name="directory"/>.</summary>
    public byte[] IncrementDirectory(RelPath directory) => directory.Under(IncrementsDirectory);

    /// <summary>Where an increment of <paramref name="path"/> goes: beside its mirror position under increments/, or, for the root, in rdiff-backup-data as increments.&lt;T&gt;.dir.</summary>
    public byte[] IncrementBase(RelPath path) =>
        path.IsRoot ? IncrementsDirectory : Join(IncrementDirectory(path.Parent), path.Name);

    public static byte[] Join(ReadOnlySpan<byte> directory, ReadOnlySpan<byte> name) => RelPath.Join(directory, name);

    /// <summary>Appends ".&lt;suffix&gt;" to a path: how increment names extend their base.</summary>
    public static byte[] WithSuffix(ReadOnlySpan<byte> path, ReadOnlySpan<byte> suffix)
    {
        var joined = new byte[path.Length + suffix.Length];
        path.CopyTo(joined);
        suffix.CopyTo(joined.AsSpan(path.Length));
        return joined;
    }
}
