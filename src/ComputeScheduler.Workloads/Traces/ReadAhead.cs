using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace ComputeScheduler.Workloads.Traces;

/// <summary>
/// Enumerates a sequence on a thread of its own, a few batches ahead of the caller, in the same order:
/// for the jobs of a run, the trace is read and parsed while the simulation runs on the caller's thread.
/// </summary>
public static class ReadAhead
{
    /// <summary>
    /// The items of <paramref name="source"/>, produced on another thread while the caller works on the previous
    /// ones. An exception of the source (a bad line of a trace) is thrown to the caller when it reaches that item;
    /// a caller that stops early stops the thread.
    /// </summary>
    public static IEnumerable<T> OnAnotherThread<T>(IEnumerable<T> source, int batch = 4096, int depth = 4)
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
                // the caller stopped early
                items.Clear();
            }
            catch (Exception e)
            {
                error = e; // thrown to the caller after the items before it
            }
            try
            {
                if (items.Count > 0) queue.Add([.. items], stop.Token);
            }
            catch (OperationCanceledException)
            {
                // the caller stopped early
            }
            finally
            {
                queue.CompleteAdding();
            }
        })
        { IsBackground = true, Name = "read ahead" };
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
