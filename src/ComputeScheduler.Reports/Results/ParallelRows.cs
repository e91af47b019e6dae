using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace ComputeScheduler.Reports.Results;

/// <summary>
/// Writes CSV rows formatted on several threads. The caller's thread enumerates the items (for
/// outcomes: reads the spill back and merges it) and hands them on in batches; formatter threads
/// each format a whole batch into a buffer of its own (a row depends on its item only); a writer
/// thread writes the buffers to the stream in the batches' order. So the bytes are those one thread
/// formatting row after row would write. A file is also flushed to disk every
/// <see cref="WriteBehind.SyncEveryBytes"/> as it grows, so the final flush has only the tail left.
/// </summary>
internal static class ParallelRows
{
    /// <summary>One formatter per logical core, at most 4.</summary>
    public static int DefaultFormatters => Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <param name="stream">Written from its position, left open.</param>
    /// <param name="row">Writes the fields of one item and ends its record.</param>
    /// <param name="batch">Items per batch.</param>
    /// <param name="batches">Batches in flight (being filled, formatted or written): bounds the memory.</param>
    public static void Write<T>(Stream stream, IEnumerable<T> items, Action<Utf8CsvWriter, T> row,
        int formatters, int batch = 1024, int batches = 32)
    {
        using var free = new BlockingCollection<Batch<T>>();
        using var toFormat = new BlockingCollection<Batch<T>>();
        using var toWrite = new BlockingCollection<Batch<T>>();
        var all = new List<Batch<T>>(batches);
        for (int i = 0; i < Math.Max(2, batches); i++)
        {
            var b = new Batch<T>(batch);
            all.Add(b);
            free.Add(b);
        }
        var failure = new Failure();
        var threads = new List<Thread>();
        for (int i = 0; i < Math.Max(1, formatters); i++)
            threads.Add(new Thread(() => Format(toFormat, row)) { IsBackground = true, Name = $"results format {i + 1}" });
        threads.Add(new Thread(() => WriteInOrder(stream, toWrite, free, failure)) { IsBackground = true, Name = "results write" });
        foreach (var t in threads) t.Start();
        bool read = false;
        try
        {
            var current = free.Take();
            foreach (var item in items)
            {
                current.Items[current.Count++] = item;
                if (current.Count < current.Items.Length) continue;
                toFormat.Add(current);
                toWrite.Add(current);
                if (failure.Error is not null) break; // the writer failed: stop reading
                current = free.Take();
            }
            if (current.Count > 0 && failure.Error is null)
            {
                toFormat.Add(current);
                toWrite.Add(current);
            }
            read = true;
        }
        finally
        {
            if (!read) failure.Abandoned = true; // the items threw: nothing more is written
            toFormat.CompleteAdding();
            toWrite.CompleteAdding();
            foreach (var t in threads) t.Join();
            foreach (var b in all) b.Formatted.Dispose();
        }
        if (failure.Error is { } e) ExceptionDispatchInfo.Capture(e).Throw();
    }

    private sealed class Batch<T>(int size)
    {
        public readonly T[] Items = new T[Math.Max(1, size)];
        public int Count;
        public readonly Utf8CsvWriter Csv = new(Math.Max(1, size) * 384);
        public readonly ManualResetEventSlim Formatted = new(false);
        public Exception? Error;
    }

    private sealed class Failure
    {
        public volatile Exception? Error;
        public volatile bool Abandoned;
    }

    private static void Format<T>(BlockingCollection<Batch<T>> toFormat, Action<Utf8CsvWriter, T> row)
    {
        foreach (var b in toFormat.GetConsumingEnumerable())
        {
            try
            {
                b.Csv.Clear();
                for (int i = 0; i < b.Count; i++) row(b.Csv, b.Items[i]);
            }
            catch (Exception e)
            {
                b.Error = e;
            }
            b.Formatted.Set();
        }
    }

    private static void WriteInOrder<T>(Stream stream, BlockingCollection<Batch<T>> toWrite, BlockingCollection<Batch<T>> free, Failure failure)
    {
        var file = stream as FileStream;
        long unsynced = 0;
        foreach (var b in toWrite.GetConsumingEnumerable())
        {
            b.Formatted.Wait();
            if (failure.Error is null && !failure.Abandoned)
            {
                if (b.Error is not null) failure.Error = b.Error;
                else
                {
                    try
                    {
                        var bytes = b.Csv.Written;
                        stream.Write(bytes);
                        unsynced += bytes.Length;
                        if (file is not null && unsynced >= WriteBehind.SyncEveryBytes)
                        {
                            file.Flush(flushToDisk: true);
                            unsynced = 0;
                        }
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException or NotSupportedException)
                    {
                        failure.Error = file is null ? e : new IOException($"cannot write {file.Name}: {e.Message}", e);
                    }
                }
            }
            Array.Clear(b.Items, 0, b.Count); // the items may be collected
            b.Count = 0;
            b.Error = null;
            b.Formatted.Reset();
            free.Add(b);
        }
    }
}
