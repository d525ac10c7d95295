using Microsoft.Win32.SafeHandles;
using RdiffCore.Backup;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Reporting;
using RdiffCore.Selection;
using RdiffCore.Storage;

namespace RdiffCore.Source;

/// <summary>A source tree on this machine; the walk runs on its own thread (its own owner-name cache; its error reports replayed in order).</summary>
/// A file's data is opened below the source root (its directory resolved beneath the root with no
/// symlink on the way, the name not followed), and must be the very file the walk described.
internal sealed class LocalSourceTree(byte[] root, SourceOptions options, IReadOnlyList<byte[]> skip,
    Selection.Selection? selection = null, IDisposable? probe = null) : ISourceTree, IDisposable
{
    private readonly Lock _opening = new();
    private RootedTree? _tree;

    /// <summary>
    /// Checks that <paramref name="source"/> is a readable directory and compiles the selection
    /// against it, before any repository is touched: a bad rule or a missing source leaves no trace.
    /// </summary>
    /// <param name="sourceAsGiven">The source as the user typed it: selection rules match paths that start with it, as rdiff-backup's do.</param>
    /// <param name="source">The same, absolute.</param>
    /// <param name="options">What the walk reads.</param>
    /// <param name="rules">The selection, in command-line order.</param>
    /// <param name="nullSeparator">Filelists are NUL-separated.</param>
    /// <param name="skip">Directories the walk leaves out (a repository inside the source).</param>
    public static LocalSourceTree Open(byte[] sourceAsGiven, byte[] source, SourceOptions options, IReadOnlyList<SelectionRule> rules, bool nullSeparator,
        IReadOnlyList<byte[]> skip)
    {
        RepositoryPreparer.CheckSource(source);
        if (rules.Count == 0)
        {
            return new LocalSourceTree(source, options, skip);
        }
        var probe = new DirectoryProbe(source);
        try
        {
            var selection = Selection.Selection.Compile(rules, new SelectionSettings(sourceAsGiven, PosixFs.LStat(source).Device, nullSeparator), probe);
            return new LocalSourceTree(source, options, skip, selection, probe);
        }
        catch
        {
            probe.Dispose();
            throw;
        }
    }

    /// <summary>The absolute path of the source directory.</summary>
    public byte[] Root => root;

    public IEnumerable<SourceEntry> Walk(IFileErrors errors) =>
        BackgroundWalk.Run(recorder => Selected(new SourceWalker(root, options, new OwnerNames(), recorder, selection).Walk(skip)), errors);

    // Directories the rules only scan appear just before the first entry inside them that is included.
    private IEnumerable<SourceEntry> Selected(IEnumerable<SourceEntry> walk) => selection is null
        ? walk
        : SelectionWalk.Filter(walk, e => e.Record.Path, e => e.Record.Kind, e => e.Selected);

    public Stream OpenData(SourceEntry entry)
    {
        // One fetch thread per channel may ask at once; the tree keeps one parent handle.
        lock (_opening)
        {
            return OpenChecked(entry);
        }
    }

    private FileStream OpenChecked(SourceEntry entry)
    {
        SafeFileHandle file;
        try
        {
            file = Open(entry);
        }
        catch (PosixException e) when (e.Errno == Errno.EACCES && !Environment.IsPrivilegedProcess
            && entry.Record.Kind == FileKind.Regular && entry.Record.Uid == PosixFs.EffectiveUid)
        {
            // As rdiff-backup does, a file the user owns but may not read is lent u+r for the open;
            // its mode is put back at once (the open descriptor stays readable). The chmod does not
            // follow a symlink, and what is opened is checked below to be the file the walk saw.
            Chmod(entry, entry.Record.Permissions | ModeBits.OwnerRead);
            try
            {
                file = Open(entry);
            }
            finally
            {
                Chmod(entry, entry.Record.Permissions);
            }
        }
        try
        {
            FileStatus status = PosixFs.FStat(file);
            if (status.Kind != FileKind.Regular || status.Inode != entry.Inode || status.Device != entry.Device)
            {
                throw new SkippedFileException("UpdateError",
                    $"Source file '{PrintablePath.From(entry.FullPath)}' was replaced after it was listed (another file now has its name); its previous version is kept, the next backup takes it");
            }
            return new FileStream(file, FileAccess.Read, 1);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A file's data asked for by path from the other side of a connection: the attributes that
    /// decide how it is opened are read here, not taken from the request, and it must still be the
    /// file the walk sent (<paramref name="device"/>, <paramref name="inode"/>).
    /// </summary>
    public Stream OpenData(RelPath path, ulong device, ulong inode)
    {
        lock (_opening)
        {
            return OpenRequested(path, device, inode);
        }
    }

    private FileStream OpenRequested(RelPath path, ulong device, ulong inode)
    {
        byte[] full = new SourceEntry(MetadataRecord.Absent(path), root).FullPath;
        FileStatus status = path.IsRoot ? PosixFs.LStat(root) : Tree.LStat(full);
        if (status.Kind != FileKind.Regular || status.Inode != inode || status.Device != device)
        {
            throw new SkippedFileException("UpdateError",
                $"Source file '{PrintablePath.From(full)}' was replaced after it was listed (another file now has its name); its previous version is kept, the next backup takes it");
        }
        var record = new MetadataRecord { Path = path, Kind = FileKind.Regular, Uid = status.Uid, Permissions = status.Permissions, Size = status.Size };
        return OpenChecked(new SourceEntry(record, root, Device: device, Inode: inode));
    }

    public void Dispose()
    {
        _tree?.Dispose();
        probe?.Dispose();
    }

    private SafeFileHandle Open(SourceEntry entry) =>
        entry.Record.Path.IsRoot ? PosixFs.OpenRead(root) : Tree.OpenRead(entry.FullPath);

    private void Chmod(SourceEntry entry, int permissions)
    {
        if (entry.Record.Path.IsRoot)
        {
            PosixFs.Chmod(root, permissions);
        }
        else
        {
            Tree.Chmod(entry.FullPath, permissions);
        }
    }

    // Opened on first use: a backup with no new or changed file never needs it.
    private RootedTree Tree => _tree ??= RootedTree.Open(root);
}
