using RdiffCore.Increments;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Storage;

namespace RdiffCore.History;

/// <summary>
/// What `list increments [--size]` reports (format.md §4.3), read from file names
/// and sizes alone: the increment files of one path, then the mirror. A session that left no
/// increment for the path does not appear, as in rdiff-backup.
/// </summary>
internal static class IncrementLister
{
    /// <summary>The path's increments, then the current mirror, oldest first.</summary>
    public static IReadOnlyList<IncrementEntry> Increments(RepositoryLocation location)
    {
        long mirrorTime = MirrorTime(location);
        var entries = new List<IncrementEntry>();
        foreach ((byte[] fileName, IncrementName name, byte[] path) in BaseIncrements(location))
        {
            entries.Add(new IncrementEntry(name.Time, TypeOf(location.Layout.Tree, name.Type, path), fileName));
        }
        byte[] mirror = location.MirrorPath;
        entries.Add(new IncrementEntry(mirrorTime, KindWord(location.Layout.Tree, mirror), LastName(mirror)));
        // A stable sort: equal times keep the directory's order, as Python's sorted does.
        return [.. entries.OrderBy(e => e.Time)];
    }

    /// <summary>Per session time, the bytes of the increment files at and below the path; the mirror's bytes at the mirror time; with running totals from the mirror back.</summary>
    public static IReadOnlyList<IncrementSize> Sizes(RepositoryLocation location)
    {
        long mirrorTime = MirrorTime(location);
        long mirrorTotal = 0;
        Walk(location.Layout.Tree, location.MirrorPath, skipDataDirectory: location.OnDisk.IsRoot, (_, status) => mirrorTotal += status.Size);
        var byTime = new SortedDictionary<long, long>();
        foreach ((byte[] _, IncrementName name, byte[] path) in BaseIncrements(location))
        {
            Add(byTime, name.Time, location.Layout.Tree.LStat(path).Size);
        }
        byte[] incrementDirectory = location.IncrementDirectory;
        if (location.Layout.Tree.TryLStat(incrementDirectory, out FileStatus top) && top.Kind == FileKind.Directory)
        {
            Walk(location.Layout.Tree, incrementDirectory, skipDataDirectory: false, (name, status) =>
            {
                if (IncrementName.TryParse(location.Layout.Quoting.Unquote(name), out IncrementName parsed))
                {
                    Add(byTime, parsed.Time, status.Size);
                }
            });
        }
        var sizes = new List<IncrementSize> { new(mirrorTime, mirrorTotal, mirrorTotal) };
        long total = mirrorTotal;
        foreach ((long time, long size) in byTime.Reverse())
        {
            total += size;
            sizes.Add(new IncrementSize(time, size, total));
        }
        return [.. sizes.OrderBy(s => s.Time)];
    }

    /// <summary>The sessions a count such as "2B" counts for the path: the mirror, the path's own increments and every metadata time.</summary>
    public static IReadOnlyList<long> SessionTimes(RepositoryLocation location, RepositoryState state)
    {
        var times = new SortedSet<long>(state.MetadataFiles.Select(f => f.Time));
        times.UnionWith(BaseIncrements(location).Select(i => i.Name.Time));
        if (state.MirrorTime is long mirror)
        {
            times.Add(mirror);
        }
        return [.. times];
    }

    private static long MirrorTime(RepositoryLocation location) =>
        RepositoryState.Read(location.Layout).MirrorTime
        ?? throw new NotARepositoryException(
            $"'{PrintablePath.From(location.Layout.Root)}' has no current_mirror marker, so no finished backup; back up into it first");

    /// <summary>The increment files named after the path itself, in directory order.</summary>
    private static IEnumerable<(byte[] FileName, IncrementName Name, byte[] Path)> BaseIncrements(RepositoryLocation location)
    {
        (byte[] directory, byte[] baseName) = location.IncrementBase;
        if (!location.Layout.Tree.TryLStat(directory, out FileStatus status) || status.Kind != FileKind.Directory)
        {
            yield break;
        }
        byte[] unquotedBase = location.Layout.Quoting.Unquote(baseName);
        foreach (byte[] fileName in location.Layout.Tree.ReadDirectory(directory))
        {
            if (IncrementName.TryParse(location.Layout.Quoting.Unquote(fileName), out IncrementName name)
                && name.Base.AsSpan().SequenceEqual(unquotedBase))
            {
                yield return (fileName, name, RelPath.Join(directory, fileName));
            }
        }
    }

    private static string TypeOf(RootedTree tree, IncrementType type, byte[] path) => type switch
    {
        IncrementType.Dir => "directory",
        IncrementType.Diff => "regular",
        IncrementType.Missing => "missing",
        _ => KindWord(tree, path),
    };

    /// <summary>rdiff-backup's word for what lies at a path.</summary>
    private static string KindWord(RootedTree tree, byte[] path) =>
        !tree.TryLStat(path, out FileStatus status) ? "missing"
        : status.Kind switch
        {
            FileKind.Directory => "directory",
            FileKind.Regular => "regular",
            _ => "special",
        };

    private static byte[] LastName(byte[] path)
    {
        int slash = path.AsSpan().LastIndexOf((byte)'/');
        return slash < 0 || path.Length == 1 ? path : path[(slash + 1)..];
    }

    private static void Add(SortedDictionary<long, long> byTime, long time, long size) =>
        byTime[time] = byTime.GetValueOrDefault(time) + size;

    /// <summary>Every entry at and below <paramref name="path"/> (itself included), without following symlinks.</summary>
    private static void Walk(RootedTree tree, byte[] path, bool skipDataDirectory, Action<byte[], FileStatus> visit)
    {
        if (!tree.TryLStat(path, out FileStatus status))
        {
            return;
        }
        visit(LastName(path), status);
        if (status.Kind != FileKind.Directory)
        {
            return;
        }
        foreach (byte[] name in tree.ReadDirectory(path))
        {
            if (skipDataDirectory && name.AsSpan().SequenceEqual("rdiff-backup-data"u8))
            {
                continue;
            }
            Walk(tree, RelPath.Join(path, name), skipDataDirectory: false, visit);
        }
    }
}
