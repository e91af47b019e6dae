using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Reports.Results;

/// <summary>
/// Job outcomes kept in bounded memory: every <see cref="RunLength"/> outcomes are sorted by job id and
/// written to a temporary file (a sorted run); reading merges the runs and what is still in memory
/// back into job-id order. The files are deleted when the spill is disposed (or the process ends).
/// A run is sorted and written on a thread of its own while the next one fills (at most one at a
/// time: two runs' outcomes in memory at most); reading, disposing and the next spill wait for it.
/// </summary>
internal sealed class OutcomeSpill : IDisposable
{
    private readonly int _runLength;
    private List<JobOutcome> _buffer = new();
    private readonly List<string> _runs = new();
    private Task? _writing;

    public OutcomeSpill(int runLength) => _runLength = runLength;

    public long Count { get; private set; }

    public int RunLength => _runLength;

    public void Add(JobOutcome outcome)
    {
        _buffer.Add(outcome);
        Count++;
        if (_buffer.Count >= _runLength) SpillBuffer();
    }

    /// <summary>Every outcome, in job-id order (ties: the order they came in).</summary>
    public IEnumerable<JobOutcome> InIdOrder()
    {
        WaitForWriting();
        var memory = _buffer.OrderBy(o => o.Id.Value).ToArray();
        if (_runs.Count == 0) return memory;
        return Merge(memory);
    }

    private IEnumerable<JobOutcome> Merge(JobOutcome[] memory)
    {
        var readers = new List<SpillRunReader>(_runs.Count);
        try
        {
            foreach (var path in _runs) readers.Add(new SpillRunReader(path));
            // (next outcome, source): runs in spill order, memory last, so equal ids keep arrival order.
            var heads = new PriorityQueue<(JobOutcome Outcome, int Source), (long Id, int Source)>(readers.Count + 1);
            for (int i = 0; i < readers.Count; i++)
                if (readers[i].TryRead(out var o)) heads.Enqueue((o, i), (o.Id.Value, i));
            int m = 0;
            if (memory.Length > 0) heads.Enqueue((memory[m++], readers.Count), (memory[0].Id.Value, readers.Count));
            while (heads.TryDequeue(out var head, out _))
            {
                yield return head.Outcome;
                if (head.Source < readers.Count)
                {
                    if (readers[head.Source].TryRead(out var next)) heads.Enqueue((next, head.Source), (next.Id.Value, head.Source));
                }
                else if (m < memory.Length)
                {
                    heads.Enqueue((memory[m], readers.Count), (memory[m].Id.Value, readers.Count));
                    m++;
                }
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

    private const string SpillPrefix = "computesched-outcomes-";

    private void SpillBuffer()
    {
        if (_runs.Count == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
            DeadRunFiles.DeleteFilesOfDeadProcesses(Path.GetTempPath(), SpillPrefix); // left by killed runs
        }
        string path = Path.Combine(Path.GetTempPath(), $"{SpillPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}.bin");
        WaitForWriting();
        var full = _buffer;
        _runs.Add(path); // in spill order, whenever it is written
        _buffer = new List<JobOutcome>(full.Count);
        _writing = Task.Factory.StartNew(() => WriteRun(path, full), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private static void WriteRun(string path, List<JobOutcome> outcomes)
    {
        using var w = new BinaryWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20));
        foreach (var o in outcomes.OrderBy(o => o.Id.Value)) JobOutcomeBinary.Write(w, o);
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
