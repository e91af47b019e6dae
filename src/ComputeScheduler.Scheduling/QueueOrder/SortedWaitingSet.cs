using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.QueueOrder;

/// <summary>
/// Waiting jobs ordered by a (major, minor) key fixed when they join, ties in joining order.
/// O(log n) per add and remove; the shared index of the key-ordered queue policies.
/// </summary>
internal sealed class SortedWaitingSet
{
    private readonly SortedSet<(double Major, double Minor, long Seq, int Slot)> _order = new();
    private readonly Dictionary<int, (double, double, long, int)> _keys = new();
    private readonly Dictionary<int, WaitingJob> _jobs = new();
    private long _seq;

    public int Count => _order.Count;

    public void Add(in WaitingJob job, double major, double minor = 0)
    {
        var key = (major, minor, _seq++, job.Slot);
        if (!_keys.TryAdd(job.Slot, key)) throw new InvalidOperationException($"slot {job.Slot} is already queued");
        _order.Add(key);
        _jobs[job.Slot] = job;
    }

    public void Remove(int slot)
    {
        if (!_keys.Remove(slot, out var key)) throw new InvalidOperationException($"slot {slot} is not queued");
        _order.Remove(key);
        _jobs.Remove(slot);
    }

    public WaitingJob Job(int slot) => _jobs[slot];

    /// <summary>The waiting jobs' slots, best first.</summary>
    public IEnumerable<int> InOrder()
    {
        foreach (var key in _order) yield return key.Slot;
    }

    public int Candidates(Span<int> bestFirstSlots)
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
