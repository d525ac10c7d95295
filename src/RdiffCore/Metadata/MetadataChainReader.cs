using RdiffCore.Platform.Posix;
using System.Diagnostics.CodeAnalysis;
using RdiffCore.Model;

namespace RdiffCore.Metadata;

/// <summary>
/// The metadata of the repository at one session time T (format.md §1.6, "Reading
/// the metadata at session time T"). Given the mirror_metadata files with time ≥ T, oldest first,
/// it reads T's file and the newer ones up to the first snapshot together in index order; for each
/// path the record of the oldest file that has one wins, and a winning "Type None" means the path
/// is absent at T. The xattrs and ACLs of T's snapshot files are joined in on the way. Streaming:
/// one record per open file is held. Each file checks its own names and order; here every path
/// must also sit below a directory given before it (the root first), or the metadata is damaged:
/// nothing may be placed below a file, a symlink or a directory that is not there.
/// </summary>
internal sealed class MetadataChainReader : IDisposable
{
    private readonly List<MirrorMetadataReader> _readers = [];
    private readonly MetadataRecord?[] _heads;
    private readonly ExtendedAttributesReader? _xattrReader;
    private readonly AccessControlListsReader? _aclReader;
    private RelPath? _xattrPath, _aclPath;
    private IReadOnlyList<Xattr> _xattrs = [];
    private IReadOnlyList<AclEntry> _acl = [];

    // The directories that hold the last record given, the root first.
    private readonly List<RelPath> _openDirectories = [];

    /// <param name="filesFromT">The mirror_metadata files with time ≥ T, sorted by time ascending; the first is T's.</param>
    /// <param name="xattrFile">T's extended_attributes file, or null when there is none.</param>
    /// <param name="aclFile">T's access_control_lists file, or null when there is none.</param>
    /// <param name="tree">The repository's tree, through which the files are opened; null opens them by path.</param>
    public MetadataChainReader(IReadOnlyList<MetadataFileRef> filesFromT, byte[]? xattrFile, byte[]? aclFile, RootedTree? tree = null)
    {
        int snapshot = -1;
        for (int i = 0; i < filesFromT.Count && snapshot < 0; i++)
        {
            snapshot = filesFromT[i].IsSnapshot ? i : -1;
        }
        if (snapshot < 0)
        {
            string first = filesFromT.Count > 0 ? MetadataFile.Display(filesFromT[0].Path) : "(none)";
            throw new CorruptMetadataException($"No mirror_metadata snapshot is at or after {first}, so the metadata of that session cannot be rebuilt; repair the repository.");
        }
        try
        {
            for (int i = 0; i <= snapshot; i++)
            {
                byte[] path = filesFromT[i].Path;
                _readers.Add(new MirrorMetadataReader(MetadataFile.OpenRead(path, tree), MetadataFile.Display(path)));
            }
            _xattrReader = xattrFile is null ? null : new ExtendedAttributesReader(MetadataFile.OpenRead(xattrFile, tree), MetadataFile.Display(xattrFile));
            _aclReader = aclFile is null ? null : new AccessControlListsReader(MetadataFile.OpenRead(aclFile, tree), MetadataFile.Display(aclFile));
        }
        catch
        {
            Dispose();
            throw;
        }
        _heads = new MetadataRecord?[_readers.Count];
        for (int i = 0; i < _readers.Count; i++)
        {
            _heads[i] = _readers[i].TryRead(out MetadataRecord? record) ? record : null;
        }
        AdvanceXattrs();
        AdvanceAcl();
    }

    /// <summary>The next path that exists at T, in index order, with its xattrs and ACL; false at the end.</summary>
    public bool TryRead([NotNullWhen(true)] out MetadataRecord? record)
    {
        while (true)
        {
            // The oldest file holding the smallest path wins; ties go to the lower (older) index.
            int winner = -1;
            for (int i = 0; i < _heads.Length; i++)
            {
                if (_heads[i] is { } head && (winner < 0 || RelPathComparer.Instance.Compare(head.Path, _heads[winner]!.Path) < 0))
                {
                    winner = i;
                }
            }
            if (winner < 0)
            {
                record = null;
                return false;
            }
            MetadataRecord found = _heads[winner]!;
            for (int i = 0; i < _heads.Length; i++)
            {
                if (_heads[i] is { } head && head.Path == found.Path)
                {
                    _heads[i] = _readers[i].TryRead(out MetadataRecord? next) ? next : null;
                }
            }
            if (found.Kind == FileKind.None)
            {
                continue;
            }
            CheckPlace(found, winner);
            record = WithExtras(found);
            return true;
        }
    }

    /// <summary>The remaining records, lazily; the same sequence <see cref="TryRead"/> gives.</summary>
    public IEnumerable<MetadataRecord> Records()
    {
        while (TryRead(out MetadataRecord? record))
        {
            yield return record;
        }
    }

    public void Dispose()
    {
        foreach (MirrorMetadataReader reader in _readers)
        {
            reader.Dispose();
        }
        _xattrReader?.Dispose();
        _aclReader?.Dispose();
    }

    private void CheckPlace(MetadataRecord record, int source)
    {
        RelPath path = record.Path;
        while (_openDirectories.Count > 0 && !IsChild(path, _openDirectories[^1]))
        {
            _openDirectories.RemoveAt(_openDirectories.Count - 1);
        }
        // Each file is in strict order, so the root can only come first.
        if (!path.IsRoot && _openDirectories.Count == 0)
        {
            throw new CorruptMetadataException(
                $"The metadata file {_readers[source].Name} is damaged: it records '{PathQuoting.Display(path)}' without a directory '{PathQuoting.Display(path.Parent)}' before it (a path below a file, a symlink or nothing); restore the file from a copy of the repository.");
        }
        if (record.Kind == FileKind.Directory)
        {
            _openDirectories.Add(path);
        }
    }

    /// <summary>True when <paramref name="path"/> is an entry of the directory <paramref name="directory"/>, without allocating.</summary>
    private static bool IsChild(RelPath path, RelPath directory)
    {
        if (path.IsRoot)
        {
            return false;
        }
        ReadOnlySpan<byte> bytes = path.Bytes;
        int start = directory.IsRoot ? 0 : directory.Bytes.Length + 1;
        return path.IsAtOrBelow(directory) && bytes.Length > start && !bytes[start..].Contains((byte)'/');
    }

    // Xattr and ACL records of paths the main metadata lacks are skipped (rdiff-backup asserts).
    private MetadataRecord WithExtras(MetadataRecord record)
    {
        IReadOnlyList<Xattr> xattrs = [];
        IReadOnlyList<AclEntry> acl = [];
        while (_xattrPath is { } xattrPath && RelPathComparer.Instance.Compare(xattrPath, record.Path) <= 0)
        {
            xattrs = xattrPath == record.Path ? _xattrs : xattrs;
            AdvanceXattrs();
        }
        while (_aclPath is { } aclPath && RelPathComparer.Instance.Compare(aclPath, record.Path) <= 0)
        {
            acl = aclPath == record.Path ? _acl : acl;
            AdvanceAcl();
        }
        return xattrs.Count == 0 && acl.Count == 0 ? record : record with { Xattrs = xattrs, Acl = acl };
    }

    private void AdvanceXattrs() =>
        _xattrPath = _xattrReader is not null && _xattrReader.TryRead(out RelPath path, out _xattrs) ? path : null;

    private void AdvanceAcl() =>
        _aclPath = _aclReader is not null && _aclReader.TryRead(out RelPath path, out _acl) ? path : null;
}
