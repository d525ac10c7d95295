using Microsoft.Win32.SafeHandles;

namespace RdiffCore.Delta;

/// <summary>
/// The increment of a changed file, made while the new version is copied into place.
/// <list type="number">
/// <item>Phase A copies the new data to its destination (the future mirror file) and indexes its
/// blocks on the other core.</item>
/// <item>Phase B scans the old file once, in segments on all cores, finding runs that also occur in
/// the new file. Every candidate is compared byte for byte and extended as far as the bytes agree,
/// so a hash collision can cost time but never a wrong restore.</item>
/// <item>The emitter writes the librsync delta that turns the new file back into the old one.</item>
/// </list>
/// Memory is the index (fixed by the length, at most about 28 MiB) plus a few MiB of buffers per
/// thread, whatever the file size.
/// </summary>
internal static class ReverseDelta
{
    /// <summary>
    /// Copies <paramref name="newData"/> into <paramref name="newDestination"/> (an empty file opened
    /// for reading and writing) and writes to <paramref name="delta"/> the delta from the new data to
    /// <paramref name="old"/>.
    /// </summary>
    public static ReverseDeltaResult Write(Stream newData, SafeFileHandle newDestination, SafeFileHandle old, Stream delta, ReverseDeltaOptions? options = null)
    {
        options ??= new ReverseDeltaOptions();
        long oldLength = RandomAccess.GetLength(old);
        long hint = options.NewLengthHint ?? (newData.CanSeek ? newData.Length - newData.Position : oldLength);
        int blockSize = options.BlockSize ?? BlockIndex.ChooseBlockSize(hint);
        using var index = new BlockIndex(blockSize, hint);

        long newLength = NewDataCopier.Copy(newData, PatchOutput.ToNewFile(newDestination), index, hint);

        var writer = new DeltaWriter(delta, (int)Math.Clamp(oldLength, 1, DeltaWriter.MaxLiteral));
        using var emitter = new ReverseDeltaEmitter(writer, old, oldLength, newDestination, newLength);
        if (index.Count > 0)
        {
            int segmentSize = Math.Max(options.SegmentSize, 4 * blockSize);
            int workers = Math.Max(1, options.Workers);
            if (workers == 1 || oldLength <= segmentSize)
            {
                ScanHere(index, old, oldLength, newDestination, newLength, segmentSize, emitter);
            }
            else
            {
                ScanInParallel(index, old, oldLength, newDestination, newLength, segmentSize, workers, emitter);
            }
        }
        return new ReverseDeltaResult(newLength, oldLength, blockSize, emitter.Finish());
    }

    // One thread, no board: for small files a thread start costs more than the scan.
    private static void ScanHere(BlockIndex index, SafeFileHandle old, long oldLength, SafeFileHandle newFile, long newLength,
        int segmentSize, ReverseDeltaEmitter emitter)
    {
        using var scanner = new SegmentScanner(index, old, oldLength, newFile, newLength, segmentSize);
        for (long start = 0; start < oldLength; start += segmentSize)
        {
            foreach (Match match in scanner.Scan(start, Math.Min(oldLength, start + segmentSize)))
            {
                emitter.Add(match);
            }
        }
    }

    // Workers take segments in order and publish each one's matches on the board; this thread emits
    // them in order. At most 2 × workers segments are ahead of the emitter, so memory stays bounded.
    private static void ScanInParallel(BlockIndex index, SafeFileHandle old, long oldLength, SafeFileHandle newFile, long newLength,
        int segmentSize, int workers, ReverseDeltaEmitter emitter)
    {
        int segments = (int)((oldLength + segmentSize - 1) / segmentSize);
        var board = new SegmentBoard(segments, 2 * workers);
        var threads = new Thread[Math.Min(workers, segments)];
        // Made and disposed here, so their pooled buffers go back to this thread's pool.
        var scanners = new SegmentScanner[threads.Length];
        for (int w = 0; w < threads.Length; w++)
        {
            SegmentScanner scanner = scanners[w] = new SegmentScanner(index, old, oldLength, newFile, newLength, segmentSize);
            threads[w] = new Thread(() =>
            {
                while (board.TryTake(out int i))
                {
                    try
                    {
                        long start = (long)i * segmentSize;
                        board.Publish(i, scanner.Scan(start, Math.Min(oldLength, start + segmentSize)));
                    }
                    catch (Exception error)
                    {
                        board.Fail(i, error);
                        return;
                    }
                }
            })
            { IsBackground = true, Name = "rdiffsharp scan" };
            threads[w].Start();
        }
        try
        {
            for (int i = 0; i < segments; i++)
            {
                foreach (Match match in board.WaitFor(i))
                {
                    emitter.Add(match);
                }
            }
        }
        finally
        {
            board.Stop();
            foreach (Thread thread in threads)
            {
                thread.Join();
            }
            foreach (SegmentScanner scanner in scanners)
            {
                scanner.Dispose();
            }
        }
    }
}
