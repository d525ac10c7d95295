using RdiffCore.Increments;
using RdiffCore.Metadata;
using RdiffCore.Platform.Posix;

namespace RdiffCore.Storage;

/// <summary>
/// What rdiff-backup-data holds, read from its file names alone (format.md §1.3-1.4):
/// no index file lists the sessions, so every reader starts here.
/// </summary>
internal sealed class RepositoryState
{
    private RepositoryState(RepositoryLayout layout, List<SessionFile> files)
    {
        Layout = layout;
        Files = files;
        Markers = [.. files.Where(f => f.BaseIs("current_mirror"u8) && f.Name.Type == IncrementType.Data).OrderBy(f => f.Time)];
        MetadataFiles = [.. files.Where(f => f.BaseIs("mirror_metadata"u8) && f.Name.Type is IncrementType.Snapshot or IncrementType.Diff).OrderBy(f => f.Time)];
        RootIncrementTimes = [.. files.Where(f => f.BaseIs("increments"u8)).Select(f => f.Time).Distinct().Order()];
        foreach (SessionFile marker in Markers)
        {
            // Only the name counts, but a marker that is no file cannot be read for its pid or removed by unlink.
            if (layout.Tree.TryLStat(marker.Path, out FileStatus status) && status.Kind != Model.FileKind.Regular)
            {
                throw new RdiffException(
                    $"the repository is damaged: '{PrintablePath.From(marker.Path)}' is a {status.Kind.ToString().ToLowerInvariant()}, not a current_mirror marker file; replace it with a regular file (its content does not matter) and run again");
            }
        }
    }

    public RepositoryLayout Layout { get; }

    /// <summary>Every parsed session file of rdiff-backup-data.</summary>
    public IReadOnlyList<SessionFile> Files { get; }

    /// <summary>current_mirror markers, oldest first: one when consistent, two after an interrupted backup.</summary>
    public IReadOnlyList<SessionFile> Markers { get; }

    public IReadOnlyList<SessionFile> MetadataFiles { get; }

    public IReadOnlyList<long> RootIncrementTimes { get; }

    /// <summary>The time of the current mirror (the older marker when a backup was interrupted), or null before the first backup.</summary>
    public long? MirrorTime => Markers.Count == 0 ? null : Markers[0].Time;

    public bool Interrupted => Markers.Count > 1;

    /// <summary>Every session a restore can reach (§4.1): the mirror, the root increments and the metadata times.</summary>
    public IReadOnlyList<long> SessionTimes
    {
        get
        {
            var times = new SortedSet<long>(RootIncrementTimes);
            times.UnionWith(MetadataFiles.Select(f => f.Time));
            if (MirrorTime is long mirror)
            {
                times.Add(mirror);
            }
            return [.. times];
        }
    }

    public static RepositoryState Read(RepositoryLayout layout)
    {
        var files = new List<SessionFile>();
        foreach (byte[] name in layout.Tree.ReadDirectory(layout.DataDirectory))
        {
            // Names on disk are quoted whole, timestamps included (§1.15).
            if (IncrementName.TryParse(layout.Quoting.Unquote(name), out IncrementName parsed))
            {
                files.Add(new SessionFile(RepositoryLayout.Join(layout.DataDirectory, name), parsed));
            }
        }
        return new RepositoryState(layout, files);
    }

    /// <summary>The session file of one kind at one time, if present (for example the EA snapshot of T).</summary>
    public SessionFile? Find(ReadOnlySpan<byte> baseName, long time)
    {
        foreach (SessionFile file in Files)
        {
            if (file.Time == time && file.BaseIs(baseName))
            {
                return file;
            }
        }
        return null;
    }

    /// <summary>The mirror_metadata files a reader needs for time <paramref name="time"/>: those at or after it, oldest first.</summary>
    public IReadOnlyList<MetadataFileRef> MetadataChainFrom(long time) =>
        [.. MetadataFiles.Where(f => f.Time >= time).Select(f => new MetadataFileRef(f.Time, f.Path, f.Name.Type == IncrementType.Snapshot))];
}
