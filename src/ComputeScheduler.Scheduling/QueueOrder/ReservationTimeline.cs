using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.QueueOrder;

/// <summary>
/// Free whole chips of each pool over future time, for backfilling: free now, plus the chips of
/// each running job at its expected end (now + its estimated remaining runtime; a job past its
/// estimate is expected at the next microsecond), minus and plus the reservations made. Counts
/// chips per pool, not exact servers. Each pool's changes are kept in (time, delta) order in
/// arrays that a policy reuses from one pass to the next (<see cref="Reset"/>).
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
            int had = _changes.Length;
            Array.Resize(ref _changes, PoolCount);
            for (int p = had; p < PoolCount; p++) _changes[p] = new Changes();
        }
        for (int p = 0; p < PoolCount; p++)
        {
            _freeNow[p] = capacity.FreeChipsInPool(p);
            _changes[p].Count = 0;
        }
        if (context.Running is { } running)
        {
            for (int i = 0; i < running.Count; i++)
            {
                var r = running[i];
                if (r.Pool < 0 || r.ChipMilli < 1000 || r.Chips == 0) continue;
                _changes[r.Pool].Add(EndUs(r.RemainingEstimateS), r.Chips);
            }
        }
        for (int p = 0; p < PoolCount; p++) _changes[p].Sort();
    }

    public long EndUs(double seconds) => _nowUs + Math.Max(1, SimDuration.FromSecondsCeiling(Math.Max(seconds, 0)).Microseconds);

    /// <summary>The earliest time at or after now when <paramref name="chips"/> chips of the pool stay free for <paramref name="durationUs"/>; long.MaxValue if never.</summary>
    public long EarliestStart(int pool, int chips, long durationUs)
    {
        var changes = _changes[pool];
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
        var changes = _changes[pool];
        int free = _freeNow[pool];
        for (int i = 0; i < changes.Count && changes.TimeUs[i] <= timeUs; i++) free += changes.Delta[i];
        return free;
    }

    /// <summary>Holds <paramref name="chips"/> chips of the pool over [start, start + duration).</summary>
    public void Reserve(int pool, int chips, long startUs, long durationUs)
    {
        _changes[pool].Insert(startUs, -chips);
        if (durationUs < long.MaxValue - startUs) _changes[pool].Insert(startUs + durationUs, chips);
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
