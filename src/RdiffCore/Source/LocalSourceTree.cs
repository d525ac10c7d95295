using RdiffCore.Platform.Posix;
using RdiffCore.Reporting;

namespace RdiffCore.Source;

/// <summary>A source tree on this machine; the walk runs on its own thread (its own owner-name cache; its error reports replayed in order).</summary>
internal sealed class LocalSourceTree(byte[] root, SourceOptions options, OwnerNames names, IFileErrors errors, IReadOnlyList<byte[]> skip) : ISourceTree
{
    public IEnumerable<SourceEntry> Walk() => BackgroundWalk.Run(recorder => new SourceWalker(root, options, names, recorder).Walk(skip), errors);

    public Stream OpenData(SourceEntry entry) => new FileStream(PosixFs.OpenRead(entry.FullPath), FileAccess.Read, 1);
}
