using RdiffCore.Increments;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Storage;

namespace RdiffCore.Restore;

/// <summary>
/// The increments of each path, found by listing its directory under increments/ once (names
/// unquoted); a few directories are kept, as a restore walks the tree in order. Paths with an
/// alternate name take theirs from long_filename_data (format.md §1.10), listed once.
/// </summary>
internal sealed class IncrementIndex(RepositoryLayout layout)
{
    private const int MaxDirectories = 64;
    private readonly Dictionary<string, Dictionary<string, List<IncrementFile>>> _directories = [];
    private Dictionary<string, List<IncrementFile>>? _longNames;

    /// <summary>The increments of the path <paramref name="record"/> describes, oldest first.</summary>
    public IReadOnlyList<IncrementFile> For(MetadataRecord record)
    {
        if ((record.AlternateMirrorName ?? record.AlternateIncrementName) is string longName)
        {
            _longNames ??= List(layout.LongNameDirectory);
            return _longNames.TryGetValue(longName, out List<IncrementFile>? found) ? found : [];
        }
        RelPath path = record.Path;
        if (path.IsRoot)
        {
            return [];
        }
        Dictionary<string, List<IncrementFile>> directory = Directory(path.Parent);
        return directory.TryGetValue(Key(path.Name), out List<IncrementFile>? files) ? files : [];
    }

    /// <summary>The increments of the entries of <paramref name="directory"/>, by unquoted name (<see cref="Key"/>), each list oldest first.</summary>
    public IReadOnlyDictionary<string, List<IncrementFile>> Children(RelPath directory) => Directory(directory);

    /// <summary>The dictionary key of a name: its bytes, one char each.</summary>
    public static string Key(ReadOnlySpan<byte> bytes) => System.Text.Encoding.Latin1.GetString(bytes);

    private Dictionary<string, List<IncrementFile>> Directory(RelPath parent)
    {
        string key = Key(parent.Bytes);
        if (_directories.TryGetValue(key, out var known))
        {
            return known;
        }
        if (_directories.Count >= MaxDirectories)
        {
            _directories.Clear();
        }
        Dictionary<string, List<IncrementFile>> byBase = List(layout.IncrementDirectory(parent));
        _directories[key] = byBase;
        return byBase;
    }

    /// <summary>The increments in one directory by their unquoted base, each list oldest first.</summary>
    private Dictionary<string, List<IncrementFile>> List(byte[] directory)
    {
        var byBase = new Dictionary<string, List<IncrementFile>>();
        if (!layout.Tree.TryLStat(directory, out FileStatus status) || status.Kind != FileKind.Directory)
        {
            return byBase;
        }
        foreach (byte[] name in layout.Tree.ReadDirectory(directory))
        {
            if (IncrementName.TryParse(layout.Quoting.Unquote(name), out IncrementName parsed) && parsed.Type != IncrementType.Data)
            {
                string baseKey = Key(parsed.Base);
                if (!byBase.TryGetValue(baseKey, out List<IncrementFile>? list))
                {
                    byBase[baseKey] = list = [];
                }
                list.Add(new IncrementFile(RelPath.Join(directory, name), parsed));
            }
        }
        foreach (List<IncrementFile> list in byBase.Values)
        {
            list.Sort((a, b) => a.Name.Time.CompareTo(b.Name.Time));
        }
        return byBase;
    }
}
