using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace ComputeScheduler.Reports.Results;

/// <summary>Enumerates a sequence on a thread of its own, a few batches ahead of the caller, in the same order.</summary>
internal static class Prefetch
{
    /// <summary>
    /// The items of <paramref name="source"/>, produced on another thread (for outcomes: read back from the spill
    /// files and merged) while the caller works on the previous ones (formats them). An exception of the source is
    /// thrown to the caller; a caller that stops early stops the thread.
    /// </summary>
    public static IEnumerable<T> OnAnotherThread<T>(IEnumerable<T> source, int batch = 4096, int depth = 4)
    {
        using var queue = new BlockingCollection<T[]>(depth);
        using var stop = new CancellationTokenSource();
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                var items = new List<T>(batch);
                foreach (var item in source)
                {
                    items.Add(item);
                    if (items.Count < batch) continue;
                    queue.Add([.. items], stop.Token);
                    items.Clear();
                }
                if (items.Count > 0) queue.Add([.. items], stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // the caller stopped early
            }
            catch (Exception e)
            {
                error = e;
            }
            finally
            {
                queue.CompleteAdding();
            }
        })
        { IsBackground = true, Name = "results prefetch" };
        thread.Start();
        try
        {
            foreach (var items in queue.GetConsumingEnumerable())
                foreach (var item in items)
                    yield return item;
        }
        finally
        {
            stop.Cancel();
            thread.Join();
        }
        if (error is not null) ExceptionDispatchInfo.Capture(error).Throw();
    }
}
