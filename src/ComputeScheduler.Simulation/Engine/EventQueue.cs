namespace ComputeScheduler.Simulation.Engine;

/// <summary>
/// Array-backed 4-ary min-heap of <see cref="SimEvent"/> ordered by (time, kind rank, sequence).
/// Doubles when full, never shrinks; pushing and popping allocate nothing once grown.
/// </summary>
/// <remarks>Not thread-safe: one engine owns one queue.</remarks>
public sealed class EventQueue
{
    private SimEvent[] _heap;
    private long _nextSeq;

    public EventQueue(int initialCapacity = 1024) => _heap = new SimEvent[Math.Max(4, initialCapacity)];

    public int Count { get; private set; }

    /// <summary>Adds an event at <paramref name="timeUs"/>; the queue assigns its sequence number.</summary>
    public void Push(long timeUs, EventKind kind, int slot, int tag = 0)
    {
        if (Count == _heap.Length) Array.Resize(ref _heap, _heap.Length * 2);
        var e = new SimEvent(timeUs, kind, _nextSeq++, slot, tag);
        int i = Count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 2;
            if (!e.RunsBefore(_heap[parent])) break;
            _heap[i] = _heap[parent];
            i = parent;
        }
        _heap[i] = e;
    }

    public bool TryPeek(out SimEvent next)
    {
        if (Count == 0) { next = default; return false; }
        next = _heap[0];
        return true;
    }

    /// <summary>Removes and returns the first event. The queue must not be empty.</summary>
    public SimEvent Pop()
    {
        if (Count == 0) throw new InvalidOperationException("The event queue is empty.");
        var top = _heap[0];
        var last = _heap[--Count];
        if (Count > 0) SiftDown(last);
        return top;
    }

    private void SiftDown(SimEvent e)
    {
        int i = 0;
        while (true)
        {
            int first = (i << 2) + 1;
            if (first >= Count) break;
            int best = first;
            int end = Math.Min(first + 4, Count);
            for (int c = first + 1; c < end; c++)
                if (_heap[c].RunsBefore(_heap[best])) best = c;
            if (!_heap[best].RunsBefore(e)) break;
            _heap[i] = _heap[best];
            i = best;
        }
        _heap[i] = e;
    }
}
