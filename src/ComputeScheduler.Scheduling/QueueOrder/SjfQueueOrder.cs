using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.QueueOrder;

/// <summary>
/// Shortest job first (non-preemptive): waiting jobs in order of their estimated runtime (the
/// trace's observed runtime, else work over chips on reference chips), ties in arrival order;
/// strict per pool like FIFO, so a short job that does not fit holds back longer ones on its pools.
/// O(log n) per add and remove.
/// </summary>
public sealed class SjfQueueOrder : IQueueOrderPolicy
{
    public const string PolicyName = "sjf";

    private readonly SortedSet<(double Runtime, long Seq, int Slot)> _order = new();
    private readonly Dictionary<int, (double, long, int)> _keys = new();
    private long _seq;

    public string Name => PolicyName;
    public bool StopsAtFirstBlocked => true;
    public int Count => _order.Count;

    public void Add(in WaitingJob job)
    {
        var key = (job.EstimatedRuntimeS, _seq++, job.Slot);
        if (!_keys.TryAdd(job.Slot, key)) throw new InvalidOperationException($"slot {job.Slot} is already queued");
        _order.Add(key);
    }

    public void Remove(int slot)
    {
        if (!_keys.Remove(slot, out var key)) throw new InvalidOperationException($"slot {slot} is not queued");
        _order.Remove(key);
    }

    public int Candidates(in QueueContext context, Span<int> bestFirstSlots)
    {
        int n = 0;
        foreach (var key in _order)
        {
            if (n == bestFirstSlots.Length) break;
            bestFirstSlots[n++] = key.Slot;
        }
        return n;
    }
}
