using RdiffCore.Remote.Wire;
using RdiffCore.Source;

namespace RdiffCore.Remote;

/// <summary>
/// The source side's calls on one connection: the sources it opened (by number) and, for each, its
/// walk and its file data. The peer can reach no other tree: it names a number, never a path.
/// </summary>
internal sealed class SourceService : IDisposable
{
    private readonly Dictionary<ulong, LocalSourceTree> _sources = [];
    private ulong _next = 1;

    /// <summary>Makes <paramref name="tree"/> (owned from here) reachable; returns its number.</summary>
    public ulong Add(LocalSourceTree tree)
    {
        lock (_sources)
        {
            _sources.Add(_next, tree);
            return _next++;
        }
    }

    /// <summary>Serves a Walk or Fetch call; false for any other call.</summary>
    public bool TryServe(CallKind call, ulong source, Channel channel)
    {
        switch (call)
        {
            case CallKind.Walk:
                LocalSourceTree walked = Find(source, channel);
                WalkStream.Send(walked.Walk, channel);
                return true;
            case CallKind.Fetch:
                new FetchServer(Find(source, channel), channel).Serve();
                return true;
            default:
                return false;
        }
    }

    public void Dispose()
    {
        lock (_sources)
        {
            foreach (LocalSourceTree tree in _sources.Values)
            {
                tree.Dispose();
            }
            _sources.Clear();
        }
    }

    private LocalSourceTree Find(ulong source, Channel channel)
    {
        lock (_sources)
        {
            return _sources.TryGetValue(source, out LocalSourceTree? tree)
                ? tree
                : throw new ProtocolException($"{channel.Peer} asked for source {source}, which was never opened; the connection was closed");
        }
    }
}
