using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.QueueOrder;

/// <summary>
/// EASY backfilling (Lifka 1995; Mu'alem and Feitelson 2001): FIFO, and when the head job does
/// not fit, it gets a reservation at the earliest time enough chips of one of its pools are
/// expected free (the shadow time, from running jobs' estimated ends). A later job may start now
/// only if it does not delay that reservation: it ends (by its estimate) before the shadow time, or
/// uses only chips the head will not need then (the extra chips), or cannot use the head's pool.
/// Estimates are the trace's observed runtimes when given, else work over chips on reference chips.
/// Counting is per pool; the placement policy still chooses servers.
/// </summary>
public sealed class EasyBackfillQueueOrder : IQueueOrderPolicy
{
    public const string PolicyName = "easy-backfill";

    private readonly SortedWaitingSet _waiting = new();
    private readonly ReservationTimeline _timeline = new(); // reused from pass to pass
    private int[] _free = []; // free chips per pool in this pass, reused

    public string Name => PolicyName;
    public bool StopsAtFirstBlocked => false;
    public int Count => _waiting.Count;

    public void Add(in WaitingJob job) => _waiting.Add(job, job.Enqueued.Microseconds);

    public void Remove(int slot) => _waiting.Remove(slot);

    public int Candidates(in QueueContext context, Span<int> bestFirstSlots)
    {
        if (context.Capacity is null) return _waiting.Candidates(bestFirstSlots);
        var timeline = _timeline;
        timeline.Reset(context);
        int n = 0;
        int resPool = -1, extra = 0;
        long shadow = long.MaxValue;
        if (_free.Length != timeline.PoolCount) _free = new int[timeline.PoolCount];
        var free = _free;
        for (int p = 0; p < free.Length; p++) free[p] = timeline.FreeAt(p, context.Now.Microseconds);
        foreach (int slot in _waiting.InOrder())
        {
            if (n == bestFirstSlots.Length) break;
            var job = _waiting.Job(slot);
            int chips = BackfillJobs.Chips(job);
            if (n == 0)
            {
                bestFirstSlots[n++] = slot;
                if (FirstPoolWithRoom(job, free, chips) >= 0) return n; // the head starts; the next round looks again
                (resPool, shadow, extra) = Reservation(timeline, job, chips);
                continue;
            }
            long endUs = timeline.EndUs(BackfillJobs.DurationS(job));
            int pool = FirstPoolWithRoom(job, free, chips);
            if (pool < 0) continue;
            bool usesHeadPool = resPool >= 0 && BackfillJobs.IsEligible(job, resPool);
            if (usesHeadPool && endUs > shadow)
            {
                if (chips > extra || free[resPool] < chips) continue;
                extra -= chips;
                pool = resPool;
            }
            free[pool] -= chips;
            bestFirstSlots[n++] = slot;
        }
        return n;
    }

    /// <summary>The head's pool with the earliest shadow time, that time, and the chips of that pool free then beyond the head's need.</summary>
    private static (int Pool, long ShadowUs, int Extra) Reservation(ReservationTimeline timeline, in WaitingJob head, int chips)
    {
        int best = -1;
        long shadow = long.MaxValue;
        for (int p = 0; p < timeline.PoolCount; p++)
        {
            if (!BackfillJobs.IsEligible(head, p)) continue;
            long t = timeline.EarliestStart(p, chips, 1);
            if (t < shadow) { best = p; shadow = t; }
        }
        return best < 0 ? (-1, long.MaxValue, 0) : (best, shadow, timeline.FreeAt(best, shadow) - chips);
    }

    private static int FirstPoolWithRoom(in WaitingJob job, int[] free, int chips)
    {
        for (int p = 0; p < free.Length; p++)
            if (BackfillJobs.IsEligible(job, p) && free[p] >= chips) return p;
        return -1;
    }
}
