using RdiffCore.Changes;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Restore;
using RdiffCore.Selection;
using RdiffCore.Source;
using RdiffCore.Storage;

namespace RdiffCore.Verify;

/// <summary>
/// `compare`: a source directory against the repository as of a session, path by path in index
/// order, as rdiff-backup's compare module does; each difference is one line "REASON: PATH".
/// </summary>
public static class RepositoryComparer
{
    /// <summary>Runs the compare; returns the number of differences, each given to <paramref name="difference"/>.</summary>
    public static long Run(CompareOptions options, Action<string> difference, Action<string> warn)
    {
        byte[] source = PosixFs.AbsolutePath(options.Source);
        if (!PosixFs.TryLStat(source, out FileStatus status) || status.Kind != FileKind.Directory)
        {
            throw new RdiffException($"'{RepositoryPreparer.Show(source)}' is not a directory; give the directory that was backed up");
        }
        // Compiled before the repository is opened: a bad rule is one error and nothing else.
        var probe = new DirectoryProbe(source);
        Selection.Selection? selection = options.Selection.Count == 0 ? null : Selection.Selection.Compile(options.Selection,
            new SelectionSettings(options.Source, status.Device, options.NullSeparator), probe);
        // rdiff-backup selects the source side only. With meta and hash it pairs the selected
        // entries with the repository's; with full, each recorded path is compared with the disk
        // whatever the rules say, and the rules only keep unrecorded entries out.
        bool full = options.Method == CompareMethod.Full && selection is not null;
        using OrderedPaths? selected = full ? new OrderedPaths(SelectedPaths(source, selection!, warn)) : null;
        // Source files are read beneath the source's handle: a directory swapped for a symlink is not followed.
        using var tree = new LocalSourceTree(source, Everything, [], full ? null : selection, probe);
        return Run(options, tree, selected, difference, warn);
    }

    /// <summary>What the compare reads of the source: everything rdiff-backup compares.</summary>
    internal static SourceOptions Everything => new(Xattrs: true, Acls: true, HardLinks: true);

    /// <summary>
    /// The compare against a source that is open already (here, or on the far side of a connection,
    /// walked with its rules there); <paramref name="selected"/> is the full method's second walk.
    /// </summary>
    internal static long Run(CompareOptions options, ISourceTree source, OrderedPaths? selected, Action<string> difference, Action<string> warn)
    {
        using SessionView view = SessionView.Open(options.Repository, options.At, options.CurrentTime, options.CharsToQuote, options.TimeZone, warn);
        using ScratchDirectory scratch = ScratchDirectory.Create(options.TempDirectory, "rdiffsharp-compare-");
        var hasher = new RebuiltFileHasher(view.Layout, new IncrementIndex(view.Layout), view.MirrorTime, scratch);
        var pass = new ComparePass(options.Method, hasher, source, view.Session, options.Parsable, difference, warn);
        RelPath subPath = view.SubPath;
        if (MetadataFromTree.Announcement(view.State, view.Session) is string announcement)
        {
            warn(announcement);
        }
        IEnumerable<MetadataRecord> recorded = MetadataFromTree.OrMetadata(view.State, view.Session, subPath)
            .SkipWhile(record => !record.Path.IsAtOrBelow(subPath))
            .TakeWhile(record => record.Path.IsAtOrBelow(subPath));
        IEnumerable<SourceEntry> walk = source.Walk(new WarningFileErrors(warn));
        foreach ((SourceEntry? entry, MetadataRecord? record) in Collator.Join(walk, e => e.Record.Path, recorded, r => r.Path.RelativeTo(subPath)))
        {
            options.Stop.ThrowIfCancellationRequested();
            if (record is null && selected is not null && !selected.Contains(entry!.Record.Path))
            {
                continue;
            }
            pass.Compare(entry, record, record?.Path.RelativeTo(subPath) ?? entry!.Record.Path);
        }
        return pass.Differences;
    }

    // A second walk of the source, with the rules, in the same order as the first: asked path by path.
    private static IEnumerable<RelPath> SelectedPaths(byte[] source, Selection.Selection selection, Action<string> warn)
    {
        var walker = new SourceWalker(source, new SourceOptions(Xattrs: false, Acls: false, HardLinks: false), new OwnerNames(), new WarningFileErrors(warn), selection);
        return SelectionWalk.Filter(walker.Walk(), e => e.Record.Path, e => e.Record.Kind, e => e.Selected).Select(e => e.Record.Path);
    }
}
