using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.QueueOrder;

/// <summary>
/// Free whole chips of each pool over future time, for backfilling: free now, plus the chips of
/// each running job at its expected end (now + its estimated remaining runtime; a job past its
/// estimate is expected at the next microsecond), minus and plus the reservations made. Counts
/// chips per pool, not exact servers.
/// </summary>
internal sealed class ReservationTimeline
{
    private readonly long _nowUs;
    private readonly int[] _freeNow;
    private readonly List<(long TimeUs, int Delta)>[] _changes;

    public ReservationTimeline(in QueueContext context)
    {
        _nowUs = context.Now.Microseconds;
        var capacity = context.Capacity ?? throw new ArgumentException("backfilling needs the centre's capacity in the queue context");
        _freeNow = new int[capacity.PoolCount];
        _changes = new List<(long, int)>[capacity.PoolCount];
        for (int p = 0; p < capacity.PoolCount; p++)
        {
            _freeNow[p] = capacity.FreeChipsInPool(p);
            _changes[p] = new List<(long, int)>();
        }
        if (context.Running is { } running)
        {
            for (int i = 0; i < running.Count; i++)
            {
                var r = running[i];
                if (r.Pool < 0 || r.ChipMilli < 1000 || r.Chips == 0) continue;
                _changes[r.Pool].Add((EndUs(r.RemainingEstimateS), r.Chips));
            }
        }
        foreach (var list in _changes) list.Sort();
    }

    public int PoolCount => _freeNow.Length;

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
            while (i < changes.Count && changes[i].TimeUs <= t) free += changes[i++].Delta;
            if (free >= chips && StaysFree(pool, i, free, chips, t + durationUs)) return t;
            if (i >= changes.Count) return long.MaxValue;
            t = changes[i].TimeUs;
        }
    }

    /// <summary>Free chips of the pool at <paramref name="timeUs"/>.</summary>
    public int FreeAt(int pool, long timeUs)
    {
        int free = _freeNow[pool];
        foreach (var (t, d) in _changes[pool]) { if (t > timeUs) break; free += d; }
        return free;
    }

    /// <summary>Holds <paramref name="chips"/> chips of the pool over [start, start + duration).</summary>
    public void Reserve(int pool, int chips, long startUs, long durationUs)
    {
        Insert(_changes[pool], (startUs, -chips));
        if (durationUs < long.MaxValue - startUs) Insert(_changes[pool], (startUs + durationUs, chips));
    }

    private bool StaysFree(int pool, int from, int free, int chips, long untilUs)
    {
        var changes = _changes[pool];
        for (int j = from; j < changes.Count && changes[j].TimeUs < untilUs; j++)
        {
            free += changes[j].Delta;
            if (free < chips) return false;
        }
        return true;
    }

    private static void Insert(List<(long TimeUs, int Delta)> list, (long, int) change)
    {
        int i = list.BinarySearch(change);
        list.Insert(i < 0 ? ~i : i, change);
    }
}
