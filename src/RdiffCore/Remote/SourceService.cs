using RdiffCore.Model;
using RdiffCore.Remote.Wire;
using RdiffCore.Reporting;
using RdiffCore.Source;

namespace RdiffCore.Remote;

/// <summary>
/// The source side's calls on one connection: the sources it opened (by number) and, for each, its
/// walk and its file data. The peer can reach no other tree: it names a number, never a path.
/// </summary>
internal sealed class SourceService : IDisposable
{
    private readonly Dictionary<ulong, (LocalSourceTree Tree, PinnedDirectory? Pinned)> _sources = [];
    private ulong _next = 1;

    /// <summary>
    /// Makes <paramref name="tree"/> reachable (owned from here, with the <paramref name="pinned"/>
    /// directory it is rooted at on a server); returns its number.
    /// </summary>
    public ulong Add(LocalSourceTree tree, PinnedDirectory? pinned = null)
    {
        lock (_sources)
        {
            _sources.Add(_next, (tree, pinned));
            return _next++;
        }
    }

    /// <summary>Serves a Walk or Fetch call; false for any other call.</summary>
    public bool TryServe(CallKind call, ulong source, Channel channel)
    {
        switch (call)
        {
            case CallKind.Walk:
                (LocalSourceTree walked, PinnedDirectory? pinned) = Find(source, channel);
                WalkStream.Send(errors => walked.Walk(pinned is null ? errors : new ShownErrors(errors, pinned)), channel);
                return true;
            case CallKind.Fetch:
                (LocalSourceTree fetched, PinnedDirectory? root) = Find(source, channel);
                new FetchServer(fetched, channel, root is null ? text => text : root.Show).Serve();
                return true;
            default:
                return false;
        }
    }

    public void Dispose()
    {
        lock (_sources)
        {
            foreach ((LocalSourceTree tree, PinnedDirectory? pinned) in _sources.Values)
            {
                tree.Dispose();
                pinned?.Dispose();
            }
            _sources.Clear();
        }
    }

    private (LocalSourceTree, PinnedDirectory?) Find(ulong source, Channel channel)
    {
        lock (_sources)
        {
            return _sources.TryGetValue(source, out (LocalSourceTree, PinnedDirectory?) served)
                ? served
                : throw new ProtocolException($"{channel.Peer} asked for source {source}, which was never opened; the connection was closed");
        }
    }

    /// <summary>The walk's per-file errors with the client's path where the pinned one was written.</summary>
    private sealed class ShownErrors(IFileErrors errors, PinnedDirectory pinned) : IFileErrors
    {
        public int Count => errors.Count;

        public void Report(string type, RelPath path, string message) => errors.Report(type, path, pinned.Show(message));
    }
}
