using Microsoft.Win32.SafeHandles;
using RdiffCore.Backup;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Reporting;
using RdiffCore.Selection;

namespace RdiffCore.Source;

/// <summary>A source tree on this machine; the walk runs on its own thread (its own owner-name cache; its error reports replayed in order).</summary>
/// A file's data is opened below the source root (its directory resolved beneath the root with no
/// symlink on the way, the name not followed), and must be the very file the walk described.
internal sealed class LocalSourceTree(byte[] root, SourceOptions options, OwnerNames names, IFileErrors errors, IReadOnlyList<byte[]> skip,
    Selection.Selection? selection = null) : ISourceTree, IDisposable
{
    private RootedTree? _tree;

    public IEnumerable<SourceEntry> Walk() => BackgroundWalk.Run(recorder => Selected(new SourceWalker(root, options, names, recorder, selection).Walk(skip)), errors);

    // Directories the rules only scan appear just before the first entry inside them that is included.
    private IEnumerable<SourceEntry> Selected(IEnumerable<SourceEntry> walk) => selection is null
        ? walk
        : SelectionWalk.Filter(walk, e => e.Record.Path, e => e.Record.Kind, e => e.Selected);

    public Stream OpenData(SourceEntry entry)
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

    public void Dispose() => _tree?.Dispose();

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
