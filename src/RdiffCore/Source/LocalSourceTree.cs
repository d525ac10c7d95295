using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Reporting;
using RdiffCore.Selection;

namespace RdiffCore.Source;

/// <summary>A source tree on this machine; the walk runs on its own thread (its own owner-name cache; its error reports replayed in order).</summary>
internal sealed class LocalSourceTree(byte[] root, SourceOptions options, OwnerNames names, IFileErrors errors, IReadOnlyList<byte[]> skip,
    Selection.Selection? selection = null) : ISourceTree
{
    public IEnumerable<SourceEntry> Walk() => BackgroundWalk.Run(recorder => Selected(new SourceWalker(root, options, names, recorder, selection).Walk(skip)), errors);

    // Directories the rules only scan appear just before the first entry inside them that is included.
    private IEnumerable<SourceEntry> Selected(IEnumerable<SourceEntry> walk) => selection is null
        ? walk
        : SelectionWalk.Filter(walk, e => e.Record.Path, e => e.Record.Kind, e => e.Selected);

    public Stream OpenData(SourceEntry entry)
    {
        try
        {
            return new FileStream(PosixFs.OpenRead(entry.FullPath), FileAccess.Read, 1);
        }
        catch (PosixException e) when (e.Errno == Errno.EACCES && !Environment.IsPrivilegedProcess
            && entry.Record.Kind == FileKind.Regular && entry.Record.Uid == PosixFs.EffectiveUid)
        {
            // As rdiff-backup does, a file the user owns but may not read is lent u+r for the open;
            // its mode is put back at once (the open descriptor stays readable).
            PosixFs.Chmod(entry.FullPath, entry.Record.Permissions | ModeBits.OwnerRead);
            try
            {
                return new FileStream(PosixFs.OpenRead(entry.FullPath), FileAccess.Read, 1);
            }
            finally
            {
                PosixFs.Chmod(entry.FullPath, entry.Record.Permissions);
            }
        }
    }
}
