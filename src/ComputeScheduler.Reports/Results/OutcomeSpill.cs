using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Reports.Results;

/// <summary>
/// Job outcomes kept in bounded memory: every <see cref="RunLength"/> outcomes are sorted by job id and
/// written to a temporary file (a sorted run); reading merges the runs and what is still in memory
/// back into job-id order. The files are deleted when the spill is disposed (or the process ends).
/// </summary>
internal sealed class OutcomeSpill : IDisposable
{
    private readonly int _runLength;
    private readonly List<JobOutcome> _buffer = new();
    private readonly List<string> _runs = new();

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
        using (var w = new BinaryWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20)))
            foreach (var o in _buffer.OrderBy(o => o.Id.Value)) JobOutcomeBinary.Write(w, o);
        _runs.Add(path);
        _buffer.Clear();
    }
}
