using Microsoft.Win32.SafeHandles;

namespace RdiffCore.Delta;

/// <summary>
/// The increment of a changed file, made while the new version is copied into place.
/// <list type="number">
/// <item>Phase A copies the new data to its destination (the future mirror file) and, on the other
/// core, indexes its blocks and follows the old file along it (<see cref="DiagonalFollower"/>),
/// recording the runs where both agree.</item>
/// <item>Phase B scans the old bytes those runs leave, in pieces on all cores, finding runs that also
/// occur elsewhere in the new file. Every candidate is compared byte for byte and extended as far as the bytes agree,
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
        using DiagonalFollower? follower = options.FollowDiagonal ? new DiagonalFollower(old, oldLength, blockSize) : null;

        long newLength = NewDataCopier.Copy(newData, PatchOutput.ToNewFile(newDestination), index, hint, follower);
        follower?.Finish(newLength);
        IReadOnlyList<Match> runs = follower?.Runs ?? [];

        var writer = new DeltaWriter(delta, (int)Math.Clamp(oldLength, 1, DeltaWriter.MaxLiteral));
        using var emitter = new ReverseDeltaEmitter(writer, old, oldLength, newDestination, newLength);
        if (index.Count > 0)
        {
            int segmentSize = Math.Max(options.SegmentSize, 4 * blockSize);
            ScanPlan plan = ScanPlan.Around(runs, oldLength, segmentSize);
            int workers = Math.Max(1, options.Workers);
            if (workers == 1 || plan.Pieces.Count <= 1 || plan.ScanBytes <= segmentSize)
            {
                ScanHere(index, old, oldLength, newDestination, newLength, segmentSize, plan, emitter);
            }
            else
            {
                ScanInParallel(index, old, oldLength, newDestination, newLength, segmentSize, workers, plan, emitter);
            }
        }
        else
        {
            foreach (Match run in runs)
            {
                emitter.Add(run);
            }
        }
        return new ReverseDeltaResult(newLength, oldLength, blockSize, emitter.Finish());
    }

    // One thread, no board: for small files, or a few small gaps between runs, a thread start costs more than the scan.
    private static void ScanHere(BlockIndex index, SafeFileHandle old, long oldLength, SafeFileHandle newFile, long newLength,
        int segmentSize, ScanPlan plan, ReverseDeltaEmitter emitter)
    {
        using var scanner = new SegmentScanner(index, old, oldLength, newFile, newLength, segmentSize);
        plan.Emit(emitter, piece => scanner.Scan(plan.Pieces[piece].Start, plan.Pieces[piece].End));
    }

    // Workers take pieces in order and publish each one's matches on the board; this thread emits
    // them in order, with the runs between them. At most 2 × workers pieces are ahead of the
    // emitter, so memory stays bounded.
    private static void ScanInParallel(BlockIndex index, SafeFileHandle old, long oldLength, SafeFileHandle newFile, long newLength,
        int segmentSize, int workers, ScanPlan plan, ReverseDeltaEmitter emitter)
    {
        int pieces = plan.Pieces.Count;
        var board = new SegmentBoard(pieces, 2 * workers);
        var threads = new Thread[Math.Min(workers, pieces)];
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
                        board.Publish(i, scanner.Scan(plan.Pieces[i].Start, plan.Pieces[i].End));
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
            plan.Emit(emitter, board.WaitFor);
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
