namespace RdiffCore.Delta;

/// <summary>
/// Phase A of a reverse delta: copies the new data to its destination while adding each full block
/// to the index. Reading, writing and indexing overlap on a ring of buffers: writes stay in file
/// order, and so do index insertions (the first block with a given sum must win). All-zero pieces
/// are not written, so holes stay holes.
/// </summary>
internal static class NewDataCopier
{
    private const int ChunkSize = 2 << 20;
    private const int Buffers = 3;

    /// <summary>Copies everything; returns the new data's length.</summary>
    public static long Copy(Stream source, PatchOutput destination, BlockIndex index)
    {
        int chunkSize = Math.Max(ChunkSize, index.BlockSize);
        var buffers = new byte[Buffers][];
        var inUse = new Task[Buffers];
        for (int i = 0; i < Buffers; i++)
        {
            buffers[i] = new byte[chunkSize];
            inUse[i] = Task.CompletedTask;
        }
        var indexer = new ChunkIndexer(index);
        Task writing = Task.CompletedTask, indexing = Task.CompletedTask;
        long offset = 0;
        try
        {
            for (int current = 0; ; current = (current + 1) % Buffers)
            {
                inUse[current].GetAwaiter().GetResult();
                byte[] buffer = buffers[current];
                int length = source.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
                if (length == 0)
                {
                    break;
                }
                long chunkOffset = offset;
                writing = After(writing, () => destination.Write(buffer.AsSpan(0, length)));
                indexing = After(indexing, () => indexer.Add(buffer.AsSpan(0, length), chunkOffset));
                inUse[current] = Task.WhenAll(writing, indexing);
                offset += length;
                if (length < buffer.Length)
                {
                    break;
                }
            }
        }
        finally
        {
            // Nothing may still touch the buffers or the destination once we return or throw.
            Task.WhenAll(writing, indexing).ContinueWith(_ => { }, TaskScheduler.Default).Wait();
        }
        writing.GetAwaiter().GetResult();
        indexing.GetAwaiter().GetResult();
        destination.Complete();
        return offset;
    }

    // Runs work after previous, or fails with previous's error without running it.
    private static Task After(Task previous, Action work) =>
        previous.ContinueWith(done =>
        {
            done.GetAwaiter().GetResult();
            work();
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

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
