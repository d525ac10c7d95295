using System.Buffers;
using System.Numerics;
using System.Runtime.ExceptionServices;

namespace RdiffCore.Delta;

/// <summary>
/// Phase A of a reverse delta: copies the new data to its destination while adding each full block
/// to the index. This thread reads and writes; one dedicated thread indexes what was just written,
/// in file order (the first block with a given sum must win). Three buffers circulate between them.
/// All-zero pieces are not written, so holes stay holes. Small files are copied and indexed on the
/// calling thread: starting a thread costs more than indexing a few MiB.
/// </summary>
internal static class NewDataCopier
{
    private const int ChunkSize = 1 << 20;
    private const int Buffers = 3;
    private const long InlineBelow = 4L << 20;

    /// <summary>Copies everything; returns the new data's length. The expected length sizes the buffers and picks one thread or two.</summary>
    public static long Copy(Stream source, PatchOutput destination, BlockIndex index, long lengthHint, DiagonalFollower? follower = null)
    {
        // A power of two at least one block, so chunks start on block boundaries.
        int chunkSize = (int)Math.Max(index.BlockSize, Math.Min(ChunkSize, (long)BitOperations.RoundUpToPowerOf2((ulong)lengthHint + 1)));
        if (lengthHint < InlineBelow)
        {
            return CopyInline(source, destination, new ChunkIndexer(index, follower), chunkSize);
        }
        var free = new HandOff<byte[]>(Buffers);
        var written = new HandOff<(byte[] Buffer, int Length, long Offset)>(Buffers);
        var rented = new byte[Buffers][];
        for (int i = 0; i < Buffers; i++)
        {
            free.Add(rented[i] = ArrayPool<byte>.Shared.Rent(chunkSize));
        }
        Exception? indexError = null;
        var indexer = new Thread(() =>
        {
            try
            {
                var chunks = new ChunkIndexer(index, follower);
                while (written.TryTake(out (byte[] Buffer, int Length, long Offset) chunk))
                {
                    chunks.Add(chunk.Buffer.AsSpan(0, chunk.Length), chunk.Offset);
                    free.Add(chunk.Buffer);
                }
            }
            catch (Exception error)
            {
                indexError = error;
                free.Cancel();
                written.Cancel();
            }
        })
        { IsBackground = true, Name = "rdiffsharp index" };
        indexer.Start();

        long offset = 0;
        try
        {
            while (free.TryTake(out byte[] buffer))
            {
                int length = source.ReadAtLeast(buffer.AsSpan(0, chunkSize), chunkSize, throwOnEndOfStream: false);
                if (length == 0)
                {
                    break;
                }
                destination.Write(buffer.AsSpan(0, length));
                written.Add((buffer, length, offset));
                offset += length;
                if (length < chunkSize)
                {
                    break;
                }
            }
            written.Complete();
        }
        finally
        {
            // On our own error the indexer is stopped; either way it is gone before we return.
            if (indexError is null)
            {
                written.Complete();
            }
            indexer.Join();
            foreach (byte[] buffer in rented)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        if (indexError is not null)
        {
            ExceptionDispatchInfo.Throw(indexError);
        }
        destination.Complete();
        return offset;
    }

    private static long CopyInline(Stream source, PatchOutput destination, ChunkIndexer chunks, int chunkSize)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(chunkSize);
        try
        {
            long offset = 0;
            while (true)
            {
                int length = source.ReadAtLeast(buffer.AsSpan(0, chunkSize), chunkSize, throwOnEndOfStream: false);
                if (length == 0)
                {
                    break;
                }
                destination.Write(buffer.AsSpan(0, length));
                chunks.Add(buffer.AsSpan(0, length), offset);
                offset += length;
                if (length < chunkSize)
                {
                    break;
                }
            }
            destination.Complete();
            return offset;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Indexes each chunk, and lets the follower compare it with the old file while it is in memory.
    private sealed class ChunkIndexer(BlockIndex index, DiagonalFollower? follower)
    {
        private bool _zeroBlockAdded;

        public void Add(ReadOnlySpan<byte> chunk, long chunkOffset)
        {
            follower?.Follow(chunk, chunkOffset);
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
