using RdiffCore.Remote.Wire;
using RdiffCore.Storage;

namespace RdiffCore.Remote;

/// <summary>
/// What is written to it goes into a batch of items, as items of one tag of at most
/// <see cref="FetchItems.Batch"/> bytes each; <paramref name="send"/> is called whenever the batch is full.
/// </summary>
internal sealed class ItemStream(MessageWriter batch, ulong tag, Action send) : OneWayStream
{
    /// <summary>Bytes written so far.</summary>
    public long Written { get; private set; }

    public override bool CanWrite => true;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            int take = Math.Min(buffer.Length, FetchItems.Batch);
            batch.Number(tag).Bytes(buffer[..take]);
            Written += take;
            buffer = buffer[take..];
            if (batch.Payload.Length >= FetchItems.Batch)
            {
                send();
            }
        }
    }
}
