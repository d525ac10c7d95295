using System.Text;
using RdiffCore.Changes;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Restore;
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
        byte[] source = RepositoryPreparer.Absolute(options.Source);
        if (!PosixFs.TryLStat(source, out FileStatus status) || status.Kind != FileKind.Directory)
        {
            throw new RdiffException($"'{RepositoryPreparer.Show(source)}' is not a directory; give the directory that was backed up");
        }
        using SessionView view = SessionView.Open(options.Repository, options.At, options.CurrentTime, options.CharsToQuote, options.TimeZone);
        DirectoryInfo temp = Directory.CreateTempSubdirectory("rdiffsharp-compare-");
        try
        {
            var hasher = new RebuiltFileHasher(view.Layout, new IncrementIndex(view.Layout), view.MirrorTime, Encoding.UTF8.GetBytes(temp.FullName));
            var pass = new ComparePass(options.Method, hasher, view.Session, difference, warn);
            var walker = new SourceWalker(source, new SourceOptions(Xattrs: true, Acls: true, HardLinks: true), new OwnerNames(), new WarningFileErrors(warn));
            RelPath subPath = view.SubPath;
            IEnumerable<MetadataRecord> recorded = PreviousMetadata.Read(view.State, view.Session)
                .SkipWhile(record => !record.Path.IsAtOrBelow(subPath))
                .TakeWhile(record => record.Path.IsAtOrBelow(subPath));
            foreach ((SourceEntry? entry, MetadataRecord? record) in Collator.Join(walker.Walk(), e => e.Record.Path, recorded, r => r.Path.RelativeTo(subPath)))
            {
                pass.Compare(entry, record, record?.Path.RelativeTo(subPath) ?? entry!.Record.Path);
            }
            return pass.Differences;
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }
}
