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
        var index = new BlockIndex(blockSize, hint);

        long newLength = NewDataCopier.Copy(newData, PatchOutput.ToNewFile(newDestination), index);

        var emitter = new ReverseDeltaEmitter(new DeltaWriter(delta), old, oldLength, newDestination, newLength);
        if (index.Count > 0)
        {
            int segmentSize = Math.Max(options.SegmentSize, 4 * blockSize);
            ScanInParallel(index, old, oldLength, newDestination, newLength, segmentSize, Math.Max(1, options.Workers), emitter);
        }
        return new ReverseDeltaResult(newLength, oldLength, blockSize, emitter.Finish());
    }

    // Workers take segments in order and publish each one's matches; this thread emits them in
    // order. A worker takes a slot before a segment, so the slots always hold the oldest segments
    // and at most 2 × workers match lists wait in memory.
    private static void ScanInParallel(BlockIndex index, SafeFileHandle old, long oldLength, SafeFileHandle newFile, long newLength,
        int segmentSize, int workers, ReverseDeltaEmitter emitter)
    {
        int segments = (int)((oldLength + segmentSize - 1) / segmentSize);
        var results = new TaskCompletionSource<List<Match>>[segments];
        for (int i = 0; i < segments; i++)
        {
            results[i] = new TaskCompletionSource<List<Match>>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        using var slots = new SemaphoreSlim(2 * workers);
        using var stop = new CancellationTokenSource();
        int next = -1;
        var tasks = new Task[Math.Min(workers, segments)];
        for (int w = 0; w < tasks.Length; w++)
        {
            tasks[w] = Task.Factory.StartNew(() =>
            {
                var scanner = new SegmentScanner(index, old, oldLength, newFile, newLength, segmentSize);
                while (true)
                {
                    try
                    {
                        slots.Wait(stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                    int i = Interlocked.Increment(ref next);
                    if (i >= segments)
                    {
                        return;
                    }
                    try
                    {
                        long start = (long)i * segmentSize;
                        results[i].SetResult(scanner.Scan(start, Math.Min(oldLength, start + segmentSize)));
                    }
                    catch (Exception error)
                    {
                        results[i].SetException(error);
                        return;
                    }
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        try
        {
            for (int i = 0; i < segments; i++)
            {
                foreach (Match match in results[i].Task.GetAwaiter().GetResult())
                {
                    emitter.Add(match);
                }
                results[i] = null!;
                slots.Release();
            }
        }
        finally
        {
            stop.Cancel();
            Task.WaitAll(tasks);
        }
    }
}
