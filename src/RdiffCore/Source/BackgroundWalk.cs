using System.Runtime.ExceptionServices;
using RdiffCore.Delta;

namespace RdiffCore.Source;

/// <summary>
/// Runs a walk on its own thread, a few batches ahead of the consumer: the walk is system calls
/// (getdents, statx, listxattr) and the consumer is collation, metadata and compression, so on two
/// cores they overlap. Memory stays bounded by the batches in flight; the order is unchanged.
/// </summary>
internal static class BackgroundWalk
{
    private const int BatchSize = 256;
    private const int BatchesAhead = 8;

    public static IEnumerable<T> Run<T>(IEnumerable<T> walk)
    {
        var batches = new HandOff<List<T>>(BatchesAhead);
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                var batch = new List<T>(BatchSize);
                foreach (T item in walk)
                {
                    batch.Add(item);
                    if (batch.Count == BatchSize)
                    {
                        if (!batches.Add(batch))
                        {
                            return;
                        }
                        batch = new List<T>(BatchSize);
                    }
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
            while (batches.TryTake(out List<T> batch))
            {
                foreach (T item in batch)
                {
                    yield return item;
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
}
