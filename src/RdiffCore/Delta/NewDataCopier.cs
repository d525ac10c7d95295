using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace RdiffCore.Delta;

/// <summary>
/// Phase A of a reverse delta: copies the new data to its destination while adding each full block
/// to the index. This thread reads and writes; one dedicated thread indexes what was just written,
/// in file order (the first block with a given sum must win). Three buffers circulate between them.
/// All-zero pieces are not written, so holes stay holes.
/// </summary>
internal static class NewDataCopier
{
    private const int ChunkSize = 1 << 20;
    private const int Buffers = 3;

    /// <summary>Copies everything; returns the new data's length.</summary>
    public static long Copy(Stream source, PatchOutput destination, BlockIndex index)
    {
        int chunkSize = Math.Max(ChunkSize, index.BlockSize);
        using var free = new BlockingCollection<byte[]>(Buffers);
        using var written = new BlockingCollection<(byte[] Buffer, int Length, long Offset)>(Buffers);
        using var stop = new CancellationTokenSource();
        for (int i = 0; i < Buffers; i++)
        {
            free.Add(new byte[chunkSize]);
        }
        Exception? indexError = null;
        var indexer = new Thread(() =>
        {
            try
            {
                var chunks = new ChunkIndexer(index);
                foreach ((byte[] buffer, int length, long offset) in written.GetConsumingEnumerable(stop.Token))
                {
                    chunks.Add(buffer.AsSpan(0, length), offset);
                    free.Add(buffer);
                }
            }
            catch (OperationCanceledException)
            {
                // The copy failed; its error is the one reported.
            }
            catch (Exception error)
            {
                indexError = error;
                stop.Cancel();
            }
        })
        { IsBackground = true, Name = "rdiffsharp index" };
        indexer.Start();

        long offset = 0;
        try
        {
            while (true)
            {
                byte[] buffer = free.Take(stop.Token);
                int length = source.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
                if (length == 0)
                {
                    break;
                }
                destination.Write(buffer.AsSpan(0, length));
                written.Add((buffer, length, offset), stop.Token);
                offset += length;
                if (length < buffer.Length)
                {
                    break;
                }
            }
            written.CompleteAdding();
            indexer.Join();
        }
        catch (OperationCanceledException) when (indexError is not null)
        {
            // Reported below.
        }
        finally
        {
            if (indexer.IsAlive)
            {
                stop.Cancel();
                indexer.Join();
            }
        }
        if (indexError is not null)
        {
            ExceptionDispatchInfo.Throw(indexError);
        }
        destination.Complete();
        return offset;
    }

    private sealed class ChunkIndexer(BlockIndex index)
    {
        private bool _zeroBlockAdded;

        public void Add(ReadOnlySpan<byte> chunk, long chunkOffset)
        {
            int blockSize = index.BlockSize;
            bool allZero = !chunk.ContainsAnyExcept((byte)0);
            if (allZero && _zeroBlockAdded)
            {
                return;
            }
            for (int at = 0; at + blockSize <= chunk.Length; at += blockSize)
            {
                ReadOnlySpan<byte> block = chunk.Slice(at, blockSize);
                index.Add(RabinKarp.Hash(block), BlockIndex.Check(block), (chunkOffset + at) / blockSize);
                if (allZero)
                {
                    _zeroBlockAdded = true;
                    return;
                }
            }
        }
    }
}
