using RdiffCore.Increments;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Storage;

namespace RdiffCore.Restore;

/// <summary>
/// Metadata that lost records (a file cut short and gzipped again, an edited record) still reads
/// cleanly, so a restore would leave those paths out and succeed. The repository's tree says what
/// existed at session T on its own, as rdiff-backup 1.x restored without metadata: an entry whose
/// oldest increment at or after T is not ".missing" existed then, and so did an entry of the
/// mirror with no increment at or after T. Each directory the metadata gives is checked against
/// that (one listing of its mirror directory, and of its increments directory, which the restore
/// lists anyway); every entry the metadata lacks is reported. Entries kept in long_filename_data
/// are not listed there and are not checked, nor is a mirror entry whose increments may be kept
/// there (its name too long for an increment suffix, as <see cref="LongNames"/> decides).
/// </summary>
/// <param name="layout">The repository.</param>
/// <param name="increments">Its increments, listed as the restore lists them.</param>
/// <param name="session">The session T.</param>
/// <param name="mirrorTime">The mirror's session.</param>
/// <param name="within">Only directories at or below this path are checked.</param>
internal sealed class PresenceCheck(RepositoryLayout layout, IncrementIndex increments, long session, long mirrorTime, RelPath within)
{
    private readonly List<(RelPath Directory, HashSet<string> Expected)> _open = [];

    /// <summary>The paths found missing from the metadata, in the order found.</summary>
    public List<RelPath> Missing { get; } = [];

    /// <summary>Passes <paramref name="records"/> through, in order, checking each directory's entries once it is left.</summary>
    public IEnumerable<MetadataRecord> Watch(IEnumerable<MetadataRecord> records)
    {
        foreach (MetadataRecord record in records)
        {
            See(record);
            yield return record;
        }
        while (_open.Count > 0)
        {
            Close();
        }
    }

    private void See(MetadataRecord record)
    {
        RelPath path = record.Path;
        while (_open.Count > 0 && !(path.IsAtOrBelow(_open[^1].Directory) && path != _open[^1].Directory))
        {
            Close();
        }
        if (!path.IsRoot && _open.Count > 0 && _open[^1].Directory == path.Parent)
        {
            _open[^1].Expected.Remove(IncrementIndex.Key(path.Name));
        }
        if (record.Kind == FileKind.Directory && path.IsAtOrBelow(within))
        {
            _open.Add((path, Entries(path)));
        }
    }

    private void Close()
    {
        (RelPath directory, HashSet<string> expected) = _open[^1];
        _open.RemoveAt(_open.Count - 1);
        foreach (string name in expected.Order(StringComparer.Ordinal))
        {
            Missing.Add(directory.Append(System.Text.Encoding.Latin1.GetBytes(name)));
        }
    }

    /// <summary>The names that existed in <paramref name="directory"/> at the session, by the mirror and the increments.</summary>
    private HashSet<string> Entries(RelPath directory)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        IReadOnlyDictionary<string, List<IncrementFile>> changes = session >= mirrorTime
            ? new Dictionary<string, List<IncrementFile>>()
            : increments.Children(directory);
        byte[] mirror = layout.MirrorPath(directory);
        int incrementDirectory = session >= mirrorTime ? 0 : layout.IncrementDirectory(directory).Length;
        if (layout.Tree.TryLStat(mirror, out FileStatus status) && status.Kind == FileKind.Directory)
        {
            foreach (byte[] raw in layout.Tree.ReadDirectory(mirror))
            {
                string name = IncrementIndex.Key(layout.Quoting.Unquote(raw));
                bool incrementsMayBeElsewhere = incrementDirectory > 0
                    && (raw.Length + LongNames.ProbePadding > RepositoryLayout.NameMax
                        || incrementDirectory + 1 + raw.Length + LongNames.ProbePadding >= RepositoryLayout.PathMax);
                // Unchanged since the session when no increment is as new.
                if (!(directory.IsRoot && raw.AsSpan().SequenceEqual("rdiff-backup-data"u8)) && !incrementsMayBeElsewhere
                    && (!changes.TryGetValue(name, out List<IncrementFile>? files) || files.TrueForAll(file => file.Name.Time < session)))
                {
                    present.Add(name);
                }
            }
        }
        foreach ((string name, List<IncrementFile> files) in changes)
        {
            IncrementFile? first = files.Find(file => file.Name.Time >= session);
            if (first is not null && first.Name.Type != IncrementType.Missing)
            {
                present.Add(name);
            }
        }
        return present;
    }
}
