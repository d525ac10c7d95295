using RdiffCore.Model;
using RdiffCore.Remote.Wire;
using RdiffCore.Reporting;
using RdiffCore.Source;
using RdiffCore.Storage;

namespace RdiffCore.Remote;

/// <summary>
/// A source tree on the other side of a connection, as the repository side's engine sees it: the
/// walk streams in, and a look-ahead over the collated entries asks for the files the engine will
/// read, up to 64 MiB and 16,384 entries ahead, so the engine rarely waits and no wait is paid
/// per file. A file the look-ahead did not foresee is fetched on a channel of its own.
/// </summary>
internal sealed class RemoteSourceTree(Link link, ulong source, byte[] shownRoot) : ISourceTree, IDisposable
{
    private const long BytesAhead = 64 << 20;
    private const int EntriesAhead = 16384;
    // Each open delta basis is a descriptor.
    private const int DeltasAhead = 64;

    private FetchClient? _fetch;

    public IEnumerable<SourceEntry> Walk(IFileErrors errors)
    {
        using Channel channel = link.Open(new MessageWriter().Number((ulong)CallKind.Walk).Number(source).Payload);
        foreach (SourceEntry entry in WalkStream.Receive(channel.Stream(), link.Peer, shownRoot, errors))
        {
            yield return entry;
        }
    }

    public IEnumerable<(SourceEntry? Entry, MetadataRecord? Old)> LookAhead(IEnumerable<(SourceEntry? Entry, MetadataRecord? Old)> collated,
        Func<SourceEntry, MetadataRecord?, DataWant> want)
    {
        FetchClient fetch = _fetch ??= new FetchClient(link, source);
        var ahead = new Queue<(SourceEntry? Entry, MetadataRecord? Old)>();
        using IEnumerator<(SourceEntry? Entry, MetadataRecord? Old)> items = collated.GetEnumerator();
        bool more = true;
        while (true)
        {
            while (more && (ahead.Count == 0 || (ahead.Count < EntriesAhead && fetch.Outstanding < BytesAhead && fetch.Deltas < DeltasAhead)))
            {
                more = items.MoveNext();
                if (!more)
                {
                    break;
                }
                (SourceEntry? entry, MetadataRecord? old) = items.Current;
                ahead.Enqueue(items.Current);
                if (entry is not null && want(entry, old) is { Needed: true } wanted)
                {
                    fetch.Ask(entry, wanted);
                }
            }
            if (!ahead.TryDequeue(out (SourceEntry? Entry, MetadataRecord? Old) next))
            {
                yield break;
            }
            fetch.DropBefore(next.Entry?.Record.Path ?? next.Old!.Path);
            yield return next;
        }
    }

    public Stream OpenData(SourceEntry entry)
    {
        if (_fetch?.TryTake(entry) is Stream asked)
        {
            return asked;
        }
        // Not foreseen (or read a second time): a channel of its own, one round trip.
        var single = new FetchClient(link, source);
        single.Ask(entry, new DataWant(true));
        return new OwningStream(single.TryTake(entry)!, single);
    }

    public void Dispose() => _fetch?.Dispose();

    /// <summary>A stream that disposes its fetch channel with it.</summary>
    private sealed class OwningStream(Stream inner, IDisposable owner) : OneWayStream
    {
        public override int Read(Span<byte> buffer) => inner.Read(buffer);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                owner.Dispose();
            }
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
    }
}
