using System.Text;
using RdiffCore.Changes;
using RdiffCore.Increments;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Storage;

namespace RdiffCore.Restore;

/// <summary>
/// The records of a session for a repository that has no mirror_metadata file at all (a very old
/// repository, or its metadata lost), read from the tree as rdiff-backup reads it then: an entry's
/// oldest increment at or after the session says what it was (.missing: absent; .dir: a directory;
/// .snapshot or .diff: a file), with the owner, mode and mtime the increment file carries (a backup
/// gives each increment those of the version it keeps); an entry with no such increment is as the
/// mirror holds it. Extended attributes, ACLs and hard links are recorded nowhere else and are not
/// restored; entries kept in long_filename_data are not found.
/// </summary>
/// <param name="layout">The repository, read through its tree.</param>
/// <param name="increments">Its increments, listed as the restore lists them.</param>
/// <param name="session">The session restored.</param>
/// <param name="mirrorTime">The mirror's session.</param>
internal sealed class MetadataFromTree(RepositoryLayout layout, IncrementIndex increments, long session, long mirrorTime)
{
    /// <summary>The records of <paramref name="session"/> from the metadata, or, when the repository has no mirror_metadata file at all, from the tree.</summary>
    public static IEnumerable<MetadataRecord> OrMetadata(RepositoryState state, long session, RelPath within) =>
        state.MetadataFiles.Count == 0 && state.MirrorTime is long mirrorTime
            ? new MetadataFromTree(state.Layout, new IncrementIndex(state.Layout), session, mirrorTime).Read(within)
            : PreviousMetadata.Read(state, session);

    /// <summary>The warning a reader without metadata gives once, null when the repository has metadata.</summary>
    public static string? Announcement(RepositoryState state, long session) =>
        state.MetadataFiles.Count > 0 ? null
            : $"no mirror_metadata file in '{RepositoryPreparer.Show(state.Layout.DataDirectory)}': the backup of {DateTimeOffset.FromUnixTimeSeconds(session).ToString("u", System.Globalization.CultureInfo.InvariantCulture)} is read from the mirror and the increments (owners, modes and times as the files carry them; no SHA-1 digests, extended attributes, ACLs or hard links)";

    /// <summary>The records of the session in canonical order, of the directories down to <paramref name="within"/> and of everything below it.</summary>
    public IEnumerable<MetadataRecord> Read(RelPath within)
    {
        IncrementFile? rootIncrement = session >= mirrorTime ? null : RootIncrements().Find(file => file.Name.Time >= session);
        MetadataRecord? root = rootIncrement is null
            ? Describe(RelPath.Root, layout.Root)
            : Describe(RelPath.Root, rootIncrement.Path) is MetadataRecord found ? found with { Kind = FileKind.Directory, Size = 0 } : null;
        return root is null ? [] : Below(root, within);
    }

    private IEnumerable<MetadataRecord> Below(MetadataRecord directory, RelPath within)
    {
        yield return directory;
        if (directory.Kind != FileKind.Directory)
        {
            yield break;
        }
        foreach (MetadataRecord child in Children(directory.Path))
        {
            // Only the directories that lead to the path asked for, and all below it.
            if (!child.Path.IsAtOrBelow(within) && !within.IsAtOrBelow(child.Path))
            {
                continue;
            }
            foreach (MetadataRecord record in Below(child, within))
            {
                yield return record;
            }
        }
    }

    /// <summary>The entries of <paramref name="directory"/> that existed at the session, by name.</summary>
    private List<MetadataRecord> Children(RelPath directory)
    {
        IReadOnlyDictionary<string, List<IncrementFile>> changes = session >= mirrorTime
            ? new Dictionary<string, List<IncrementFile>>()
            : increments.Children(directory);
        var names = new SortedSet<string>(changes.Keys, StringComparer.Ordinal);
        byte[] mirror = layout.MirrorPath(directory);
        if (layout.Tree.TryLStat(mirror, out FileStatus status) && status.Kind == FileKind.Directory)
        {
            foreach (byte[] raw in layout.Tree.ReadDirectory(mirror))
            {
                if (!(directory.IsRoot && raw.AsSpan().SequenceEqual("rdiff-backup-data"u8)))
                {
                    names.Add(IncrementIndex.Key(layout.Quoting.Unquote(raw)));
                }
            }
        }
        var children = new List<MetadataRecord>();
        foreach (string name in names)
        {
            byte[] bytes = Encoding.Latin1.GetBytes(name);
            if (!RelPath.IsValidName(bytes))
            {
                continue;
            }
            RelPath path = directory.Append(bytes);
            IncrementFile? first = changes.TryGetValue(name, out List<IncrementFile>? files) ? files.Find(file => file.Name.Time >= session) : null;
            MetadataRecord? record = first?.Name.Type switch
            {
                null => Describe(path, layout.MirrorPath(path)),
                IncrementType.Missing => null,
                IncrementType.Dir => Describe(path, first.Path) is MetadataRecord found ? found with { Kind = FileKind.Directory, Size = 0 } : null,
                // A diff (or a compressed snapshot) is a regular file's; its size is the rebuilt file's, known once written.
                IncrementType.Diff => Describe(path, first.Path) is MetadataRecord found ? found with { Kind = FileKind.Regular, Size = 0 } : null,
                _ => Describe(path, first.Path) is MetadataRecord found ? (first.Name.Compressed ? found with { Kind = FileKind.Regular, Size = 0 } : found) : null,
            };
            if (record is not null)
            {
                children.Add(record);
            }
        }
        children.Sort((a, b) => RelPathComparer.Instance.Compare(a.Path, b.Path));
        return children;
    }

    /// <summary>The record of <paramref name="path"/> with the attributes of <paramref name="file"/> (the mirror entry or an increment); null when it is gone.</summary>
    private MetadataRecord? Describe(RelPath path, byte[] file)
    {
        if (!layout.Tree.TryLStat(file, out FileStatus status))
        {
            return null;
        }
        return new MetadataRecord
        {
            Path = path,
            Kind = status.Kind,
            Size = status.Kind == FileKind.Regular ? status.Size : 0,
            Permissions = status.Permissions,
            Uid = status.Uid,
            Gid = status.Gid,
            ModTime = status.ModTimeSeconds,
            HardLinkCount = 1,
            SymlinkTarget = status.Kind == FileKind.Symlink ? layout.Tree.ReadLink(file) : null,
            DeviceMajor = status.RdevMajor,
            DeviceMinor = status.RdevMinor,
        };
    }

    /// <summary>The root's increments, rdiff-backup-data/increments.TIME.dir, oldest first.</summary>
    private List<IncrementFile> RootIncrements()
    {
        var found = new List<IncrementFile>();
        foreach (byte[] raw in layout.Tree.ReadDirectory(layout.DataDirectory))
        {
            if (IncrementName.TryParse(layout.Quoting.Unquote(raw), out IncrementName name)
                && name.Type == IncrementType.Dir && name.Base.AsSpan().SequenceEqual("increments"u8))
            {
                found.Add(new IncrementFile(RelPath.Join(layout.DataDirectory, raw), name));
            }
        }
        found.Sort((a, b) => a.Name.Time.CompareTo(b.Name.Time));
        return found;
    }
}
