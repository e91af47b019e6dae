using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.QueueOrder;

/// <summary>
/// First in, first out: jobs in the order they reached the centre (ties by arrival event order),
/// strictly per pool: a job that does not fit holds back every later job that could use any of
/// its pools, so no later job overtakes it there; jobs for other pools are not held back.
/// Add and remove are O(1) (an intrusive doubly linked list over engine slots).
/// </summary>
public sealed class FifoQueueOrder : IQueueOrderPolicy
{
    public const string PolicyName = "fifo";

    private int[] _next = new int[256];
    private int[] _prev = new int[256];
    private bool[] _present = new bool[256];
    private int _head = -1;
    private int _tail = -1;

    public string Name => PolicyName;
    public bool StopsAtFirstBlocked => true;
    public int Count { get; private set; }

    public void Add(in WaitingJob job)
    {
        int s = job.Slot;
        Ensure(s);
        if (_present[s]) throw new InvalidOperationException($"slot {s} is already queued");
        _present[s] = true;
        _prev[s] = _tail;
        _next[s] = -1;
        if (_tail >= 0) _next[_tail] = s; else _head = s;
        _tail = s;
        Count++;
    }

    public void Remove(int slot)
    {
        if (slot < 0 || slot >= _present.Length || !_present[slot]) throw new InvalidOperationException($"slot {slot} is not queued");
        int p = _prev[slot], n = _next[slot];
        if (p >= 0) _next[p] = n; else _head = n;
        if (n >= 0) _prev[n] = p; else _tail = p;
        _present[slot] = false;
        Count--;
    }

    public int Candidates(in QueueContext context, Span<int> bestFirstSlots)
    {
        int n = 0;
        for (int s = _head; s >= 0 && n < bestFirstSlots.Length; s = _next[s]) bestFirstSlots[n++] = s;
        return n;
    }

    private void Ensure(int slot)
    {
        if (slot < _present.Length) return;
        int size = Math.Max(slot + 1, _present.Length * 2);
        Array.Resize(ref _next, size);
        Array.Resize(ref _prev, size);
        Array.Resize(ref _present, size);
    }
}
