using Microsoft.Win32.SafeHandles;
using RdiffCore.Changes;
using RdiffCore.Increments;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Restore;
using RdiffCore.Storage;

namespace RdiffCore.Regress;

/// <summary>
/// The walk of §3.5 step 3: the good session's metadata, the mirror and increments/ together, in
/// index order, directory by directory; directories get their attributes after their children.
/// </summary>
internal sealed partial class Regressor
{
    private IEnumerator<MetadataRecord>? _metadata;
    private MetadataRecord? _next;

    // The long_filename_data mirror files the good session's metadata names; any other is the failed session's.
    private readonly HashSet<string> _longMirrorNames = new(StringComparer.Ordinal);

    private void WalkTree(RepositoryState state)
    {
        using IEnumerator<MetadataRecord> records = PreviousMetadata.Read(state, _regressTime).GetEnumerator();
        _metadata = records;
        Advance();
        MetadataRecord? root = _next is { } first && first.Path.IsRoot ? Take() : null;
        if (root is null || root.Kind != FileKind.Directory)
        {
            throw new RdiffException($"the metadata of the session to regress to in '{RepositoryPreparer.Show(_layout.DataDirectory)}' has no root directory; the repository is damaged");
        }
        EnsureWritableDirectory(_layout.Root);
        Children(RelPath.Root, _layout.Root, _layout.IncrementsDirectory);
        Apply(_layout.Root, root);
    }

    private void Advance()
    {
        _next = _metadata!.MoveNext() ? _metadata.Current : null;
        if (_next?.AlternateMirrorName is string alternate)
        {
            _longMirrorNames.Add(alternate);
        }
    }

    private MetadataRecord Take()
    {
        MetadataRecord taken = _next!;
        Advance();
        return taken;
    }

    /// <summary>Every child of <paramref name="directory"/> that the metadata, the mirror or increments/ knows, in name order.</summary>
    private void Children(RelPath directory, byte[]? mirrorDirectory, byte[]? incrementDirectory)
    {
        var children = new SortedDictionary<byte[], Child>(NameComparer.Instance);
        Child At(byte[] name) => children.TryGetValue(name, out Child? child) ? child : children[name] = new Child();
        if (mirrorDirectory is not null && IsDirectory(mirrorDirectory))
        {
            foreach (byte[] raw in _layout.Tree.ReadDirectory(mirrorDirectory))
            {
                if (!(directory.IsRoot && raw.AsSpan().SequenceEqual("rdiff-backup-data"u8)))
                {
                    At(_layout.Quoting.Unquote(raw)).Mirror = RepositoryLayout.Join(mirrorDirectory, raw);
                }
            }
        }
        if (incrementDirectory is not null && IsDirectory(incrementDirectory))
        {
            foreach (byte[] raw in _layout.Tree.ReadDirectory(incrementDirectory))
            {
                byte[] full = RepositoryLayout.Join(incrementDirectory, raw);
                byte[] name = _layout.Quoting.Unquote(raw);
                if (IsDirectory(full))
                {
                    At(name).IncrementDirectory = full;
                }
                else if (IncrementName.TryParse(name, out IncrementName parsed) && parsed.Type != IncrementType.Data && parsed.Time >= _regressTime)
                {
                    At(parsed.Base).Increments.Add(full);
                }
            }
        }
        using SortedDictionary<byte[], Child>.Enumerator listed = children.GetEnumerator();
        bool hasListed = listed.MoveNext();
        while (true)
        {
            SkipStrays(directory);
            byte[]? recorded = _next is { } next && !next.Path.IsRoot && next.Path.Parent == directory ? next.Path.Name.ToArray() : null;
            if (recorded is null && !hasListed)
            {
                return;
            }
            int order = recorded is null ? 1 : !hasListed ? -1 : NameComparer.Instance.Compare(recorded, listed.Current.Key);
            byte[] name = order <= 0 ? recorded! : listed.Current.Key;
            Child child = order >= 0 ? listed.Current.Value : new Child();
            MetadataRecord? record = order <= 0 ? Take() : null;
            if (order >= 0)
            {
                hasListed = listed.MoveNext();
            }
            RelPath path = directory.Append(name);
            byte[] quoted = _layout.Quoting.Quote(name);
            child.Mirror ??= record is not null ? _layout.MirrorPath(record) : RepositoryLayout.Join(mirrorDirectory ?? _layout.MirrorPath(directory), quoted);
            child.IncrementDirectory ??= incrementDirectory is null ? null : RepositoryLayout.Join(incrementDirectory, quoted);
            Process(path, record, child);
        }
    }

    /// <summary>Records below this directory that are not its children (a damaged metadata file) are passed over.</summary>
    private void SkipStrays(RelPath directory)
    {
        while (_next is { } next && !next.Path.IsRoot && next.Path.IsAtOrBelow(directory) && next.Path.Parent != directory
            && (directory.IsRoot || next.Path != directory))
        {
            _warn($"the metadata has '{next.Path}' without its directory; it is left out");
            Advance();
        }
    }

    private void Process(RelPath path, MetadataRecord? record, Child child)
    {
        byte[] mirror = child.Mirror!;
        bool present = _layout.Tree.TryLStat(mirror, out FileStatus status);
        try
        {
            if (present && Unreadable(status))
            {
                // As rdiff-backup: the mirror's data is read to compare and to patch; the recorded mode is set again after.
                _layout.Tree.Chmod(mirror, status.Permissions | 0b100_000_000);
                status = _layout.Tree.LStat(mirror);
            }
            if (record?.Kind == FileKind.Directory || (present && status.Kind == FileKind.Directory))
            {
                Directory(path, record, child, mirror, present ? status : null);
            }
            else if (!LooselyEqual(record, present ? status : null, mirror) || ContentDiffers(record, child, mirror))
            {
                Replace(record!, mirror, present ? status : null);
            }
            else if (record is not null && child.Increments.Count > 0 && status.Kind == FileKind.Regular && status.LinkCount > 1)
            {
                // Its owner, xattrs and ACLs are set on a copy of its own: the file has another name,
                // perhaps outside the repository, whose attributes a repair must not change.
                Replace(record, mirror, status);
            }
            else if (record is not null && child.Increments.Count > 0)
            {
                // The data is the good session's; xattrs, ACLs and owners may not be.
                Apply(mirror, record);
            }
            if (record is { Kind: FileKind.Regular, HardLinkCount: > 1, AlternateMirrorName: null })
            {
                Relink(record, mirror);
            }
        }
        catch (Exception e) when (e is RdiffException or PosixException or IOException)
        {
            Errors++;
            _warn($"could not regress '{path}': {e.Message}");
            return;
        }
        if (child.Increments.Count > 0)
        {
            SyncDirectory(mirror[..mirror.AsSpan().LastIndexOf((byte)'/')]);
            foreach (byte[] increment in child.Increments)
            {
                _layout.Tree.UnlinkIfPresent(increment);
            }
        }
    }

    private void Directory(RelPath path, MetadataRecord? record, Child child, byte[] mirror, FileStatus? status)
    {
        if (record?.Kind == FileKind.Directory)
        {
            if (status is { Kind: not FileKind.Directory })
            {
                _layout.Tree.Unlink(mirror);
            }
            if (status is not { Kind: FileKind.Directory })
            {
                _layout.Tree.MkDir(mirror, 0b111_000_000);
            }
            EnsureWritableDirectory(mirror);
            Children(path, mirror, child.IncrementDirectory);
            Apply(mirror, record);
            return;
        }
        // A directory the failed session made where the good session had something else, or nothing.
        Children(path, mirror, child.IncrementDirectory);
        _layout.Tree.RemoveTree(mirror);
        if (record is not null)
        {
            Replace(record, mirror, null);
        }
    }

    /// <summary>Puts the good session's entry in place of whatever is at <paramref name="mirror"/>.</summary>
    private void Replace(MetadataRecord? record, byte[] mirror, FileStatus? status)
    {
        if (record is null)
        {
            RemoveAny(mirror, status);
            return;
        }
        if (record.Kind == FileKind.Regular)
        {
            byte[] directory = Parent(mirror);
            (byte[] temp, SafeFileHandle file) = _temps.CreateFile(_layout.Tree, directory);
            bool complete;
            // The temp file is this process's own: removed if anything fails.
            try
            {
                using (file)
                {
                    complete = _reconstructor!.Write(record, _regressTime, temp, file, () => _temps.CreateFile(_layout.Tree, directory));
                    if (_fsync)
                    {
                        PosixFs.Fsync(file);
                    }
                }
                Apply(temp, record);
            }
            catch
            {
                file.Dispose();
                _layout.Tree.UnlinkIfPresent(temp);
                throw;
            }
            if (!complete)
            {
                Errors++;
                _warn($"the data of '{record.Path}' at the session regressed to is not in the repository; it is now an empty file");
            }
            if (status is { Kind: FileKind.Directory })
            {
                _layout.Tree.RemoveTree(mirror);
            }
            _layout.Tree.Rename(temp, mirror);
            return;
        }
        RemoveAny(mirror, status);
        switch (record.Kind)
        {
            case FileKind.Symlink:
                _layout.Tree.Symlink(record.SymlinkTarget!, mirror);
                break;
            case FileKind.None:
                return;
            default:
                _layout.Tree.MkNod(mirror, record.Kind, record.Permissions, record.DeviceMajor, record.DeviceMinor);
                break;
        }
        Apply(mirror, record);
    }

    /// <summary>A later member of a hard-link group is linked to the group's first mirror file again.</summary>
    private void Relink(MetadataRecord record, byte[] mirror)
    {
        FileStatus status = _layout.Tree.LStat(mirror);
        var key = (record.Inode, record.DeviceLoc);
        if (!_linkGroups.TryGetValue(key, out var first))
        {
            _linkGroups[key] = (status.Inode, status.Device, mirror);
            return;
        }
        if (first.Inode == status.Inode && first.Device == status.Device)
        {
            return;
        }
        byte[] temp = _temps.Create(Parent(mirror), name => _layout.Tree.Link(first.Path, name));
        _layout.Tree.Rename(temp, mirror);
    }

    private void Apply(byte[] path, MetadataRecord record) => _attributes.Apply(_layout.Tree, path, record);

    private void EnsureWritableDirectory(byte[] path)
    {
        FileStatus status = _layout.Tree.LStat(path);
        if ((status.Permissions & 0b111_000_000) != 0b111_000_000)
        {
            _layout.Tree.Chmod(path, status.Permissions | 0b111_000_000);
        }
    }

    /// <summary>A mirror file of this (unprivileged) user that its owner may not read; root reads it anyway.</summary>
    private static bool Unreadable(FileStatus status) =>
        status.Kind == FileKind.Regular && (status.Permissions & 0b100_000_000) == 0
        && !Environment.IsPrivilegedProcess && status.Uid == PosixFs.EffectiveUid;

    private bool IsDirectory(byte[] path) => _layout.Tree.TryLStat(path, out FileStatus status) && status.Kind == FileKind.Directory;

    private void RemoveAny(byte[] path, FileStatus? status)
    {
        if (status is not null)
        {
            _layout.Tree.RemoveTree(path);
        }
    }

    /// <summary>What the mirror and increments/ hold for one child name.</summary>
    private sealed class Child
    {
        public byte[]? Mirror { get; set; }

        public byte[]? IncrementDirectory { get; set; }

        public List<byte[]> Increments { get; } = [];
    }
}
