namespace ComputeScheduler.Simulation.Engine;

/// <summary>
/// The engine's events ordered by (time, kind rank, sequence), in three parts whose union pops in
/// exactly the order of one heap:
/// <list type="bullet">
/// <item>the front: up to <see cref="FrontCapacity"/> events, sorted, that all run before every other
/// event (a scheduling pass at the current time); an event that runs before every other goes there,
/// the front's last spilling into the rest when it is full;</item>
/// <item>the run: events pushed in order (arrivals submitted ahead, a window's batch): an event that
/// runs after the run's last is appended, O(1);</item>
/// <item>an array-backed 4-ary min-heap for the rest (finishes).</item>
/// </list>
/// Popping takes the front's first, else the earlier of the run's and the heap's.
/// Doubles when full, never shrinks; pushing and popping allocate nothing once grown.
/// </summary>
/// <remarks>Not thread-safe: one engine owns one queue.</remarks>
public sealed class EventQueue
{
    private SimEvent[] _heap;
    private int _heapCount;
    private SimEvent[] _run;   // ring buffer, capacity a power of two
    private int _runHead;
    private int _runCount;
    private long _nextSeq;

    private const int FrontCapacity = 4;
    private readonly SimEvent[] _front = new SimEvent[FrontCapacity]; // sorted, _front[0] first
    private int _frontCount;

    public EventQueue(int initialCapacity = 1024)
    {
        _heap = new SimEvent[Math.Max(4, initialCapacity)];
        _run = new SimEvent[64];
    }

    public int Count => _frontCount + _heapCount + _runCount;

    /// <summary>Adds an event at <paramref name="timeUs"/>; the queue assigns its sequence number.</summary>
    public void Push(long timeUs, EventKind kind, int slot, int tag = 0)
    {
        var e = new SimEvent(timeUs, kind, _nextSeq++, slot, tag);
        bool beforeRest = (_runCount == 0 || e.RunsBefore(_run[_runHead])) && (_heapCount == 0 || e.RunsBefore(_heap[0]));
        if (beforeRest && (_runCount | _heapCount) != 0 && (_frontCount < FrontCapacity || e.RunsBefore(_front[_frontCount - 1])))
        {
            if (_frontCount == FrontCapacity) PushBack(_front[--_frontCount]);
            int i = _frontCount++;
            while (i > 0 && e.RunsBefore(_front[i - 1]))
            {
                _front[i] = _front[i - 1];
                i--;
            }
            _front[i] = e;
            return;
        }
        if (_frontCount > 0 && e.RunsBefore(_front[_frontCount - 1]))
        {
            // Runs before the front's last (the rest is empty): it takes the last's place, the last goes to the rest.
            var last = _front[_frontCount - 1];
            int i = _frontCount - 1;
            while (i > 0 && e.RunsBefore(_front[i - 1]))
            {
                _front[i] = _front[i - 1];
                i--;
            }
            _front[i] = e;
            e = last;
        }
        PushBack(e);
    }

    /// <summary>Into the run or the heap: the event runs after every event of the front.</summary>
    private void PushBack(in SimEvent e)
    {
        if (_runCount == 0 || _run[(_runHead + _runCount - 1) & (_run.Length - 1)].RunsBefore(e))
        {
            if (_runCount == _run.Length) GrowRun(_run.Length * 2);
            _run[(_runHead + _runCount++) & (_run.Length - 1)] = e;
            return;
        }
        if (_heapCount == _heap.Length) Array.Resize(ref _heap, _heap.Length * 2);
        int i = _heapCount++;
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
        if (_frontCount > 0)
        {
            next = _front[0];
            return true;
        }
        if (_runCount > 0)
        {
            next = _run[_runHead];
            if (_heapCount > 0 && _heap[0].RunsBefore(next)) next = _heap[0];
            return true;
        }
        if (_heapCount > 0)
        {
            next = _heap[0];
            return true;
        }
        next = default;
        return false;
    }

    /// <summary>
    /// Removes the first event into <paramref name="next"/> when it is due strictly before <paramref name="limitUs"/>
    /// (<see cref="TryPeek"/> then <see cref="Pop"/> in one look at the parts); false, removing nothing, otherwise.
    /// </summary>
    public bool TryPopBefore(long limitUs, out SimEvent next)
    {
        if (_frontCount > 0)
        {
            next = _front[0];
            if (next.TimeUs >= limitUs) return false;
            _frontCount--;
            for (int i = 0; i < _frontCount; i++) _front[i] = _front[i + 1];
            return true;
        }
        if (_runCount > 0 && (_heapCount == 0 || !_heap[0].RunsBefore(_run[_runHead])))
        {
            next = _run[_runHead];
            if (next.TimeUs >= limitUs) return false;
            _runHead = (_runHead + 1) & (_run.Length - 1);
            _runCount--;
            return true;
        }
        if (_heapCount == 0)
        {
            next = default;
            return false;
        }
        next = _heap[0];
        if (next.TimeUs >= limitUs) return false;
        var last = _heap[--_heapCount];
        if (_heapCount > 0) SiftDown(last);
        return true;
    }

    /// <summary>Removes and returns the first event. The queue must not be empty.</summary>
    public SimEvent Pop()
    {
        if (_frontCount > 0)
        {
            var head = _front[0];
            _frontCount--;
            for (int i = 0; i < _frontCount; i++) _front[i] = _front[i + 1];
            return head;
        }
        if (_runCount > 0 && (_heapCount == 0 || !_heap[0].RunsBefore(_run[_runHead])))
        {
            var first = _run[_runHead];
            _runHead = (_runHead + 1) & (_run.Length - 1);
            _runCount--;
            return first;
        }
        if (_heapCount == 0) throw new InvalidOperationException("The event queue is empty.");
        var top = _heap[0];
        var last = _heap[--_heapCount];
        if (_heapCount > 0) SiftDown(last);
        return top;
    }

    /// <summary>Makes room for <paramref name="events"/> more pushed in order (a batch known ahead) without growing step by step.</summary>
    public void ReserveRun(int events)
    {
        long need = (long)_runCount + events;
        if (need <= _run.Length || need > 1 << 30) return;
        GrowRun((int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)need));
    }

    private void GrowRun(int capacity)
    {
        var grown = new SimEvent[capacity];
        int toEnd = _run.Length - _runHead;
        Array.Copy(_run, _runHead, grown, 0, toEnd);
        Array.Copy(_run, 0, grown, toEnd, _runHead);
        _run = grown;
        _runHead = 0;
    }

    private void SiftDown(SimEvent e)
    {
        int i = 0;
        int count = _heapCount;
        var heap = _heap;
        while (true)
        {
            int first = (i << 2) + 1;
            if (first >= count) break;
            int best = first;
            int end = Math.Min(first + 4, count);
            for (int c = first + 1; c < end; c++)
                if (heap[c].RunsBefore(heap[best])) best = c;
            if (!heap[best].RunsBefore(e)) break;
            heap[i] = heap[best];
            i = best;
        }
        heap[i] = e;
    }
}
