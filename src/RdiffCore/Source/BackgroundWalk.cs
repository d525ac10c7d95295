using System.Runtime.ExceptionServices;
using RdiffCore.Delta;
using RdiffCore.Model;
using RdiffCore.Reporting;

namespace RdiffCore.Source;

/// <summary>
/// Runs a walk on its own thread, a few batches ahead of the consumer: the walk is system calls
/// (getdents, statx, listxattr) and the consumer is collation, metadata and compression, so on two
/// cores they overlap. Memory stays bounded by the batches in flight; the order is unchanged. The
/// walk's error reports travel in the stream and reach the real log on the consumer's thread, just
/// before the entry that followed them, so error_log keeps the canonical order of paths.
/// </summary>
internal static class BackgroundWalk
{
    private const int BatchSize = 256;
    private const int BatchesAhead = 8;

    public static IEnumerable<T> Run<T>(Func<IFileErrors, IEnumerable<T>> makeWalk, IFileErrors errors)
    {
        var batches = new HandOff<List<Slot<T>>>(BatchesAhead);
        var recorder = new Recorder();
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                var batch = new List<Slot<T>>(BatchSize);
                foreach (T item in makeWalk(recorder))
                {
                    batch.Add(new Slot<T>(item, true, recorder.Take()));
                    if (batch.Count == BatchSize)
                    {
                        if (!batches.Add(batch))
                        {
                            return;
                        }
                        batch = new List<Slot<T>>(BatchSize);
                    }
                }
                if (recorder.Take() is { } last)
                {
                    batch.Add(new Slot<T>(default!, false, last));
                }
                if (batch.Count > 0)
                {
                    batches.Add(batch);
                }
                batches.Complete();
            }
            catch (Exception error)
            {
                failure = error;
                batches.Cancel();
            }
        })
        { IsBackground = true, Name = "rdiffsharp walk" };
        thread.Start();
        try
        {
            while (batches.TryTake(out List<Slot<T>> batch))
            {
                foreach (Slot<T> slot in batch)
                {
                    foreach ((string type, RelPath path, string message) in slot.Reports ?? [])
                    {
                        errors.Report(type, path, message);
                    }
                    if (slot.HasItem)
                    {
                        yield return slot.Item;
                    }
                }
            }
        }
        finally
        {
            // The consumer stopped early or failed: stop the walk too, and wait for it.
            batches.Cancel();
            thread.Join();
        }
        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    private readonly record struct Slot<T>(T Item, bool HasItem, List<(string, RelPath, string)>? Reports);

    /// <summary>The walk's side of the log: reports wait here for the next entry.</summary>
    private sealed class Recorder : IFileErrors
    {
        private List<(string, RelPath, string)>? _pending;
        private int _count;

        /// <summary>The reports the walk made (the log counts them again when they are replayed).</summary>
        public int Count => Volatile.Read(ref _count);

        public void Report(string type, RelPath path, string message)
        {
            (_pending ??= []).Add((type, path, message));
            Interlocked.Increment(ref _count);
        }

        public List<(string, RelPath, string)>? Take()
        {
            List<(string, RelPath, string)>? pending = _pending;
            _pending = null;
            return pending;
        }
    }
}
