namespace ComputeScheduler.Reports.Results;

/// <summary>Reads back one sorted run that a <see cref="SortedSpill{T}"/> wrote.</summary>
internal interface ISpillRunReader<T> : IDisposable
{
    /// <summary>The next item, or false at the end of the run.</summary>
    bool TryRead(out T item);
}

/// <summary>How a <see cref="SortedSpill{T}"/> stores its items: their order, the file format and the files' name.</summary>
internal interface ISpillFormat<T>
{
    /// <summary>The order items are read back in; items it calls equal keep the order they came in.</summary>
    IComparer<T> Order { get; }

    /// <summary>The temporary files' name prefix (with the process id after it, so a later run can delete a killed run's files).</summary>
    string FilePrefix { get; }

    void Write(BinaryWriter writer, T item);

    ISpillRunReader<T> Open(string path);
}

/// <summary>
/// Items kept in bounded memory: every <see cref="RunLength"/> items are sorted and written to a
/// temporary file (a sorted run); reading merges the runs and what is still in memory back into order.
/// The files are deleted when the spill is disposed (or the process ends). A run is sorted and written
/// on a thread of its own while the next one fills (at most one at a time: two runs' items in memory
/// at most); reading, disposing and the next spill wait for it.
/// </summary>
internal sealed class SortedSpill<T> : IDisposable
{
    private readonly int _runLength;
    private readonly ISpillFormat<T> _format;
    private List<T> _buffer = new();
    private readonly List<string> _runs = new();
    private Task? _writing;

    public SortedSpill(int runLength, ISpillFormat<T> format)
    {
        _runLength = Math.Max(1, runLength);
        _format = format;
    }

    public long Count { get; private set; }

    public int RunLength => _runLength;

    public void Add(T item)
    {
        _buffer.Add(item);
        Count++;
        if (_buffer.Count >= _runLength) SpillBuffer();
    }

    /// <summary>Every item, in order (ties: the order they came in).</summary>
    public IEnumerable<T> InOrder()
    {
        WaitForWriting();
        var memory = Sorted(_buffer).ToArray();
        if (_runs.Count == 0) return memory;
        return Merge(memory);
    }

    private IEnumerable<T> Sorted(List<T> items) => items.OrderBy(x => x, _format.Order); // stable

    private IEnumerable<T> Merge(T[] memory)
    {
        var readers = new List<ISpillRunReader<T>>(_runs.Count);
        try
        {
            foreach (var path in _runs) readers.Add(_format.Open(path));
            // The next item of each source, by (item, source): runs in spill order, memory last, so equal items keep arrival order.
            var order = _format.Order;
            var heads = new PriorityQueue<int, (T Item, int Source)>(readers.Count + 1,
                Comparer<(T Item, int Source)>.Create((a, b) => order.Compare(a.Item, b.Item) is var c and not 0 ? c : a.Source.CompareTo(b.Source)));
            for (int i = 0; i < readers.Count; i++)
                if (readers[i].TryRead(out var o)) heads.Enqueue(i, (o, i));
            int m = 0;
            if (memory.Length > 0) heads.Enqueue(readers.Count, (memory[m++], readers.Count));
            while (heads.TryDequeue(out int source, out var head))
            {
                yield return head.Item;
                if (source < readers.Count)
                {
                    if (readers[source].TryRead(out var next)) heads.Enqueue(source, (next, source));
                }
                else if (m < memory.Length) heads.Enqueue(source, (memory[m++], source));
            }
        }
        finally
        {
            foreach (var r in readers) r.Dispose();
        }
    }

    public void Dispose()
    {
        try
        {
            _writing?.Wait();
        }
        catch (AggregateException)
        {
            // a failed write was reported where it was waited for; its file is deleted below
        }
        _writing = null;
        foreach (var path in _runs)
            try { File.Delete(path); } catch (IOException) { }
        _runs.Clear();
        _buffer.Clear();
    }

    private void SpillBuffer()
    {
        if (_runs.Count == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
            DeadRunFiles.DeleteFilesOfDeadProcesses(Path.GetTempPath(), _format.FilePrefix); // left by killed runs
        }
        string path = Path.Combine(Path.GetTempPath(), $"{_format.FilePrefix}{Environment.ProcessId}-{Guid.NewGuid():N}.bin");
        WaitForWriting();
        var full = _buffer;
        _runs.Add(path); // in spill order, whenever it is written
        _buffer = new List<T>(full.Count);
        _writing = Task.Factory.StartNew(() => WriteRun(path, full), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private void WriteRun(string path, List<T> items)
    {
        using var w = new BinaryWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20));
        foreach (var item in Sorted(items)) _format.Write(w, item);
    }

    /// <summary>Waits until the run being written is on disk; a failed write is thrown here.</summary>
    private void WaitForWriting()
    {
        if (_writing is not { } writing) return;
        _writing = null;
        try
        {
            writing.Wait();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}
