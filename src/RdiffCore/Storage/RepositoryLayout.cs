using System.Text;
using RdiffCore.Increments;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;

namespace RdiffCore.Storage;

/// <summary>
/// Every path of a repository in one place (format.md §1.1), as OS path bytes. Under
/// filename quoting (§1.15) every name below the root, rdiff-backup-data and increments is quoted
/// whole: mirror components, increment names with their timestamps, and the session files of
/// rdiff-backup-data; the three fixed directories and the settings files keep their plain names.
/// </summary>
internal sealed class RepositoryLayout
{
    private readonly Lazy<RootedTree> _tree;

    /// <summary>The longest name one directory entry may have (Linux NAME_MAX, bytes).</summary>
    public const int NameMax = 255;

    /// <summary>The longest path the kernel resolves, terminator included (PATH_MAX).</summary>
    public const int PathMax = 4096;

    public RepositoryLayout(byte[] root)
        : this(root, NameQuoting.None)
    {
    }

    public RepositoryLayout(byte[] root, NameQuoting quoting)
        : this(root, quoting, new Lazy<RootedTree>(() => RootedTree.Open(root)))
    {
    }

    private RepositoryLayout(byte[] root, NameQuoting quoting, Lazy<RootedTree> tree)
    {
        _tree = tree;
        Root = root;
        Quoting = quoting;
        DataDirectory = Join(root, "rdiff-backup-data"u8);
        IncrementsDirectory = Join(DataDirectory, "increments"u8);
        LongNameDirectory = Join(DataDirectory, quoting.Quote("long_filename_data"u8));
    }

    /// <summary>
    /// The repository at or above the absolute <paramref name="path"/> (the nearest directory that
    /// holds rdiff-backup-data), unquoted, and where the path lies in its mirror (as on disk); null
    /// when there is none up to '/'.
    /// </summary>
    public static (RepositoryLayout Layout, RelPath SubPath)? FindAbove(byte[] path)
    {
        byte[] current = path;
        while (true)
        {
            var layout = new RepositoryLayout(current);
            if (PosixFs.TryLStat(layout.DataDirectory, out FileStatus status) && status.Kind == FileKind.Directory)
            {
                RelPath sub = current.Length == path.Length ? RelPath.Root : new RelPath(path[(current.Length + (current.Length == 1 ? 0 : 1))..]);
                return (layout, sub);
            }
            int slash = current.AsSpan().LastIndexOf((byte)'/');
            if (slash < 0 || current.Length == 1)
            {
                return null;
            }
            current = slash == 0 ? "/"u8.ToArray() : current[..slash];
        }
    }

    /// <summary>The mirror's root directory (the repository).</summary>
    public byte[] Root { get; }

    /// <summary>
    /// The repository as a tree: every call on a path of this layout goes through it, so that a
    /// symlink inside the mirror or rdiff-backup-data never leads a call outside. Opened on first use
    /// (a new repository's root is made first), shared by the layout's quoted copies.
    /// </summary>
    public RootedTree Tree => _tree.Value;

    public NameQuoting Quoting { get; }

    public byte[] DataDirectory { get; }

    public byte[] IncrementsDirectory { get; }

    /// <summary>long_filename_data: data and increments of paths whose names do not fit (§1.10).</summary>
    public byte[] LongNameDirectory { get; }

    /// <summary>The same repository with the quoting its settings ask for.</summary>
    public RepositoryLayout WithQuoting(NameQuoting quoting) => new(Root, quoting, _tree);

    /// <summary>A per-session file of rdiff-backup-data, by its unquoted name.</summary>
    public byte[] DataFile(ReadOnlySpan<byte> name) => Join(DataDirectory, Quoting.Quote(name));

    public byte[] DataFile(string name) => DataFile(Encoding.UTF8.GetBytes(name));

    /// <summary>A file of rdiff-backup-data read before quoting is known (chars_to_quote, special_escapes, lock.yml): never quoted.</summary>
    public byte[] SettingFile(ReadOnlySpan<byte> name) => Join(DataDirectory, name);

    public byte[] MirrorPath(RelPath path) => Quoted(Root, path);

    /// <summary>Where the data of <paramref name="record"/> lies: its mirror position, or long_filename_data/N.</summary>
    public byte[] MirrorPath(MetadataRecord record) =>
        record.AlternateMirrorName is string name ? LongNameFile(Encoding.ASCII.GetBytes(name)) : MirrorPath(record.Path);

    /// <summary>The directory under increments/ that holds the increments of the children of <paramref name="directory"/>.</summary>
    public byte[] IncrementDirectory(RelPath directory) => Quoted(IncrementsDirectory, directory);

    /// <summary>
    /// An increment of <paramref name="path"/>: beside its mirror position under increments/, or, for
    /// the root, in rdiff-backup-data as increments.&lt;T&gt;.dir.
    /// </summary>
    public byte[] IncrementFile(RelPath path, string timestamp, IncrementType type, bool compressed) =>
        path.IsRoot
            ? DataFile(IncrementName.Format("increments"u8, timestamp, type, compressed))
            : Join(IncrementDirectory(path.Parent), Quoting.Quote(IncrementName.Format(path.Name, timestamp, type, compressed)));

    /// <summary>An increment kept under a long-name base N (§1.10): long_filename_data/N.&lt;T&gt;.&lt;type&gt;[.gz].</summary>
    public byte[] LongNameIncrement(ReadOnlySpan<byte> baseName, string timestamp, IncrementType type, bool compressed) =>
        LongNameFile(IncrementName.Format(baseName, timestamp, type, compressed));

    public byte[] LongNameFile(ReadOnlySpan<byte> name) => Join(LongNameDirectory, Quoting.Quote(name));

    public static byte[] Join(ReadOnlySpan<byte> directory, ReadOnlySpan<byte> name) => RelPath.Join(directory, name);

    /// <summary>A relative path below a directory, each component quoted.</summary>
    private byte[] Quoted(byte[] directory, RelPath path)
    {
        if (path.IsRoot || !Quoting.IsActive)
        {
            return path.Under(directory);
        }
        var joined = new List<byte>(directory.Length + (path.Bytes.Length * 2));
        joined.AddRange(directory);
        foreach (Range component in path.Bytes.Split((byte)'/'))
        {
            joined.Add((byte)'/');
            joined.AddRange(Quoting.Quote(path.Bytes[component]));
        }
        return [.. joined];
    }
}
