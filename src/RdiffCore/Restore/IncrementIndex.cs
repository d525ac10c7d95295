using RdiffCore.Increments;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Storage;

namespace RdiffCore.Restore;

/// <summary>
/// The increments of each path, found by listing its directory under increments/ once; a few
/// directories are kept, as a restore walks the tree in order.
/// </summary>
internal sealed class IncrementIndex(RepositoryLayout layout)
{
    private const int MaxDirectories = 64;
    private readonly Dictionary<string, Dictionary<string, List<IncrementFile>>> _directories = [];

    /// <summary>The increments of <paramref name="path"/>, oldest first.</summary>
    public IReadOnlyList<IncrementFile> For(RelPath path)
    {
        if (path.IsRoot)
        {
            return [];
        }
        Dictionary<string, List<IncrementFile>> directory = Directory(path.Parent);
        return directory.TryGetValue(Key(path.Name), out List<IncrementFile>? files) ? files : [];
    }

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
        var byBase = new Dictionary<string, List<IncrementFile>>();
        byte[] directory = layout.IncrementDirectory(parent);
        if (PosixFs.TryLStat(directory, out FileStatus status) && status.Kind == FileKind.Directory)
        {
            foreach (byte[] name in PosixFs.ReadDirectory(directory))
            {
                if (IncrementName.TryParse(name, out IncrementName parsed) && parsed.Type != IncrementType.Data)
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
        }
        _directories[key] = byBase;
        return byBase;
    }

    private static string Key(ReadOnlySpan<byte> bytes) => System.Text.Encoding.Latin1.GetString(bytes);
}
