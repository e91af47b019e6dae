using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace ComputeScheduler.Simulation.Streams;

/// <summary>Enumerates a sequence on a thread of its own, a few batches ahead of the caller, in the same order.</summary>
public static class Prefetch
{
    /// <summary>
    /// The items of <paramref name="source"/>, produced on another thread (jobs: generated or read from a trace;
    /// outcomes: read back from the spill files and merged) while the caller works on the previous ones. An
    /// exception of the source reaches the caller after the items before it; a caller that stops early (disposes
    /// its enumerator) stops the thread.
    /// </summary>
    public static IEnumerable<T> OnAnotherThread<T>(IEnumerable<T> source, int batch = 4096, int depth = 4, string name = "prefetch")
    {
        using var queue = new BlockingCollection<T[]>(depth);
        using var stop = new CancellationTokenSource();
        Exception? error = null;
        var thread = new Thread(() =>
        {
            var items = new List<T>(batch);
            try
            {
                foreach (var item in source)
                {
                    items.Add(item);
                    if (items.Count < batch) continue;
                    queue.Add([.. items], stop.Token);
                    items.Clear();
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return; // the caller stopped early
            }
            catch (Exception e)
            {
                error = e; // thrown to the caller after the items read before it
            }
            finally
            {
                if (!stop.IsCancellationRequested)
                {
                    try
                    {
                        if (items.Count > 0) queue.Add([.. items], stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        // the caller stopped early
                    }
                }
                queue.CompleteAdding();
            }
        })
        { IsBackground = true, Name = name };
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
