using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Storage;

namespace RdiffCore.Restore;

/// <summary>
/// Creates the restored entries in canonical order under the target: directories first with a
/// mode that lets their children in, their own attributes once their children are done; hard links
/// as links to the first member of their group. Intermediate versions of a file rebuilt from
/// several reverse deltas go beside it, or into <paramref name="scratch"/> (--tempdir) when given.
/// </summary>
internal sealed class RestoreWriter(RootedTree tree, byte[] target, IRestoreData data, AttributeApplier attributes, Action<string> warn,
    ScratchDirectory? scratch = null)
    : IDisposable
{
    // One hash context for every file: GetHashAndReset leaves it ready for the next.
    private readonly IncrementalHash _sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);

    private readonly List<(RelPath Path, byte[] FullPath, MetadataRecord Record)> _directories = [];
    private readonly Dictionary<(ulong, ulong), (byte[] Path, long Remaining)> _links = [];
    private readonly TempNames _temps = new($"rdiff-backup.tmp.{Environment.ProcessId}.", 0);

    /// <summary>The target was kept (a restore with rules under --force): entries already there are replaced.</summary>
    public bool IntoExisting { get; init; }

    public long Entries { get; private set; }

    public int Errors { get; private set; }

    /// <summary>Writes one entry; a per-file problem is counted and named, a lost connection to the far side ends the restore.</summary>
    public void Write(MetadataRecord record, RelPath relative)
    {
        while (_directories.Count > 0 && !(relative.IsAtOrBelow(_directories[^1].Path) && relative != _directories[^1].Path))
        {
            Leave();
        }
        byte[] path = relative.Under(target);
        try
        {
            if (!relative.IsRoot && (_directories.Count == 0 || _directories[^1].Path != relative.Parent))
            {
                FillIn(relative.Parent);
            }
            if (IntoExisting && tree.TryLStat(path, out FileStatus existing))
            {
                if (existing.Kind == FileKind.Directory && record.Kind == FileKind.Directory)
                {
                    tree.Chmod(path, 0b111_000_000);
                    _directories.Add((relative, path, record));
                    Entries++;
                    return;
                }
                tree.RemoveTree(path);
            }
            Create(record, relative, path);
            Entries++;
        }
        catch (RdiffException e) when (e is not Remote.Wire.ProtocolException)
        {
            Errors++;
            warn($"could not restore '{relative}': {e.Message}");
        }
    }

    public void Dispose() => _sha1.Dispose();

    public void Finish()
    {
        while (_directories.Count > 0)
        {
            Leave();
        }
    }

    private void Create(MetadataRecord record, RelPath relative, byte[] path)
    {
        switch (record.Kind)
        {
            case FileKind.Directory:
                tree.MkDir(path, 0b111_000_000);
                _directories.Add((relative, path, record));
                return;
            case FileKind.Regular:
                if (record.HardLinkCount > 1 && _links.TryGetValue((record.Inode, record.DeviceLoc), out var first))
                {
                    tree.Link(first.Path, path);
                    Remember(record, first.Path, first.Remaining - 1);
                    return;
                }
                // The recorded SHA-1 checks what was rebuilt: a damaged mirror file or increment is named.
                IncrementalHash? hash = record.Sha1 is null ? null : _sha1;
                bool present;
                byte[]? digest;
                try
                {
                    using (SafeFileHandle file = tree.CreateNew(path, 0b110_000_000))
                    {
                        present = data.Write(record, path, file, NextTemp(path), hash);
                    }
                }
                catch (RdiffException)
                {
                    // A file whose data could not be rebuilt is left out, never left empty or cut short.
                    tree.UnlinkIfPresent(path);
                    throw;
                }
                finally
                {
                    // Also after a failed write, so that the next file starts from a clean context.
                    digest = hash?.GetHashAndReset();
                }
                if (!present)
                {
                    tree.Unlink(path);
                    Errors++;
                    warn($"could not restore '{relative}': its data at this time is not in the repository (an increment is missing)");
                    return;
                }
                else if (digest is not null && !digest.AsSpan().SequenceEqual(record.Sha1))
                {
                    Errors++;
                    warn($"'{relative}' was restored, but its data does not match the SHA-1 recorded by the backup: the repository is damaged (rdiffsharp verify names every damaged file)");
                }
                if (record.HardLinkCount > 1)
                {
                    Remember(record, path, record.HardLinkCount - 1);
                }
                break;
            case FileKind.Symlink:
                tree.Symlink(record.SymlinkTarget!, path);
                break;
            default:
                tree.MkNod(path, record.Kind, record.Permissions, record.DeviceMajor, record.DeviceMinor);
                break;
        }
        attributes.Apply(tree, path, record);
    }

    /// <summary>
    /// Creates a missing parent bare (mode 0700, no recorded attributes), as rdiff-backup does when
    /// the rules left a directory out but kept an entry below it.
    /// </summary>
    private void FillIn(RelPath directory)
    {
        byte[] path = directory.Under(target);
        if (tree.TryLStat(path, out _))
        {
            return;
        }
        if (!directory.IsRoot)
        {
            FillIn(directory.Parent);
        }
        tree.MkDir(path, 0b111_000_000);
    }

    private void Remember(MetadataRecord record, byte[] path, long remaining)
    {
        if (remaining <= 0)
        {
            _links.Remove((record.Inode, record.DeviceLoc));
        }
        else
        {
            _links[(record.Inode, record.DeviceLoc)] = (path, remaining);
        }
    }

    private void Leave()
    {
        var (relative, path, record) = _directories[^1];
        _directories.RemoveAt(_directories.Count - 1);
        try
        {
            attributes.Apply(tree, path, record);
        }
        catch (RdiffException e)
        {
            Errors++;
            warn($"could not set the attributes of '{relative}': {e.Message}");
        }
    }

    private Func<(byte[] Path, SafeFileHandle File)> NextTemp(byte[] path)
    {
        if (scratch is not null)
        {
            return () => _temps.CreateFile(scratch.Tree, scratch.Path);
        }
        byte[] directory = path[..path.AsSpan().LastIndexOf((byte)'/')];
        return () => _temps.CreateFile(tree, directory);
    }
}
