using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.QueueOrder;

/// <summary>
/// Free whole chips of each pool over future time, for backfilling: free now, plus the chips of
/// each running job at its expected end (now + its estimated remaining runtime; a job past its
/// estimate is expected at the next microsecond), minus and plus the reservations made. Counts
/// chips per pool, not exact servers. Each pool's changes are kept in arrays that a policy reuses
/// from one pass to the next (<see cref="Reset"/>). The running jobs are read, and a pool's changes
/// put in (time, delta) order, only when a question needs them: while every reservation of a pool
/// starts now, all its changes after now add chips, so a job fits from now on exactly when it fits
/// now, and the chips free now are enough to answer.
/// </summary>
internal sealed class ReservationTimeline
{
    /// <summary>One pool's changes of free chips, sorted by time, then delta.</summary>
    private sealed class Changes
    {
        public long[] TimeUs = new long[16];
        public int[] Delta = new int[16];
        public int Count;

        public void Add(long timeUs, int delta)
        {
            if (Count == TimeUs.Length)
            {
                Array.Resize(ref TimeUs, Count * 2);
                Array.Resize(ref Delta, Count * 2);
            }
            TimeUs[Count] = timeUs;
            Delta[Count++] = delta;
        }

        /// <summary>Sorts by time with the primitive-key sort, then each run of equal times by delta: the (time, delta) order.</summary>
        public void Sort()
        {
            Array.Sort(TimeUs, Delta, 0, Count);
            for (int start = 0; start < Count;)
            {
                int end = start + 1;
                while (end < Count && TimeUs[end] == TimeUs[start]) end++;
                if (end - start > 1) Array.Sort(Delta, start, end - start);
                start = end;
            }
        }

        /// <summary>Inserts the change at its place in (time, delta) order.</summary>
        public void Insert(long timeUs, int delta)
        {
            int lo = 0, hi = Count;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (TimeUs[mid] < timeUs || (TimeUs[mid] == timeUs && Delta[mid] < delta)) lo = mid + 1;
                else hi = mid;
            }
            Add(0, 0);
            Array.Copy(TimeUs, lo, TimeUs, lo + 1, Count - 1 - lo);
            Array.Copy(Delta, lo, Delta, lo + 1, Count - 1 - lo);
            TimeUs[lo] = timeUs;
            Delta[lo] = delta;
        }
    }

    private long _nowUs;
    private int[] _freeNow = [];
    private int[] _reservedNow = []; // chips reserved from now on, per pool (counted while it is unsorted)
    private bool[] _sorted = [];     // the pool's changes are in (time, delta) order
    private IRunningJobs? _running;  // running jobs not yet read into the changes (read on first need, within the policy's call)
    private Changes[] _changes = [];

    public int PoolCount { get; private set; }

    /// <summary>Builds the timeline of <paramref name="context"/>, reusing the arrays of the last one.</summary>
    public void Reset(in QueueContext context)
    {
        _nowUs = context.Now.Microseconds;
        var capacity = context.Capacity ?? throw new ArgumentException("backfilling needs the centre's capacity in the queue context");
        PoolCount = capacity.PoolCount;
        if (_freeNow.Length < PoolCount)
        {
            _freeNow = new int[PoolCount];
            _reservedNow = new int[PoolCount];
            _sorted = new bool[PoolCount];
            int had = _changes.Length;
            Array.Resize(ref _changes, PoolCount);
            for (int p = had; p < PoolCount; p++) _changes[p] = new Changes();
        }
        for (int p = 0; p < PoolCount; p++)
        {
            _freeNow[p] = capacity.FreeChipsInPool(p);
            _reservedNow[p] = 0;
            _sorted[p] = false;
            _changes[p].Count = 0;
        }
        _running = context.Running;
    }

    /// <summary>The pool's changes in (time, delta) order, sorted on first need (after reading the running jobs' ends into every pool).</summary>
    private Changes Sorted(int pool)
    {
        if (_running is { } running)
        {
            _running = null;
            for (int i = 0; i < running.Count; i++)
            {
                var r = running.Estimate(i);
                if (r.Pool < 0 || r.ChipMilli < 1000 || r.Chips == 0) continue;
                _changes[r.Pool].Add(EndUs(r.RemainingEstimateS), r.Chips);
            }
        }
        var changes = _changes[pool];
        if (!_sorted[pool])
        {
            changes.Sort();
            _sorted[pool] = true;
        }
        return changes;
    }

    public long EndUs(double seconds) => _nowUs + Math.Max(1, SimDuration.FromSecondsCeiling(Math.Max(seconds, 0)).Microseconds);

    /// <summary>Whether <paramref name="chips"/> chips of the pool stay free from now for <paramref name="durationUs"/>: <see cref="EarliestStart"/> would give now.</summary>
    public bool FitsNow(int pool, int chips, long durationUs)
    {
        // Unsorted, the pool's changes at or before now are the reservations from now (their chips
        // taken), and every later change adds chips: the job fits from now on if it fits now.
        if (!_sorted[pool]) return _freeNow[pool] - _reservedNow[pool] >= chips;
        var changes = _changes[pool];
        int free = _freeNow[pool];
        int i = 0;
        while (i < changes.Count && changes.TimeUs[i] <= _nowUs) free += changes.Delta[i++];
        return free >= chips && StaysFree(changes, i, free, chips, _nowUs + durationUs);
    }

    /// <summary>The earliest time at or after now when <paramref name="chips"/> chips of the pool stay free for <paramref name="durationUs"/>; long.MaxValue if never.</summary>
    public long EarliestStart(int pool, int chips, long durationUs)
    {
        if (!_sorted[pool] && _freeNow[pool] - _reservedNow[pool] >= chips) return _nowUs; // as FitsNow
        var changes = Sorted(pool);
        int free = _freeNow[pool];
        int i = 0;
        long t = _nowUs;
        while (true)
        {
            while (i < changes.Count && changes.TimeUs[i] <= t) free += changes.Delta[i++];
            if (free >= chips && StaysFree(changes, i, free, chips, t + durationUs)) return t;
            if (i >= changes.Count) return long.MaxValue;
            t = changes.TimeUs[i];
        }
    }

    /// <summary>Free chips of the pool at <paramref name="timeUs"/>.</summary>
    public int FreeAt(int pool, long timeUs)
    {
        if (!_sorted[pool] && timeUs == _nowUs) return _freeNow[pool] - _reservedNow[pool]; // unsorted, the changes by now are the reservations from now
        var changes = Sorted(pool);
        int free = _freeNow[pool];
        for (int i = 0; i < changes.Count && changes.TimeUs[i] <= timeUs; i++) free += changes.Delta[i];
        return free;
    }

    /// <summary>Holds <paramref name="chips"/> chips of the pool over [start, start + duration).</summary>
    public void Reserve(int pool, int chips, long startUs, long durationUs)
    {
        bool end = durationUs < long.MaxValue - startUs;
        if (!_sorted[pool] && startUs == _nowUs && durationUs > 0)
        {
            // From now, ending after now: the pool stays one whose only changes by now are the
            // reservations from now; its changes are sorted with them when the order is needed.
            _changes[pool].Add(startUs, -chips);
            if (end) _changes[pool].Add(startUs + durationUs, chips);
            _reservedNow[pool] += chips;
            return;
        }
        var changes = Sorted(pool);
        changes.Insert(startUs, -chips);
        if (end) changes.Insert(startUs + durationUs, chips);
    }

    private static bool StaysFree(Changes changes, int from, int free, int chips, long untilUs)
    {
        for (int j = from; j < changes.Count && changes.TimeUs[j] < untilUs; j++)
        {
            free += changes.Delta[j];
            if (free < chips) return false;
        }
        return true;
    }
}
