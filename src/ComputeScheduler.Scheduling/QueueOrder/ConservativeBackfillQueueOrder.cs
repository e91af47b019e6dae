using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.QueueOrder;

/// <summary>
/// Conservative backfilling (Mu'alem and Feitelson 2001): every waiting job, in FIFO order, gets
/// a reservation at the earliest time one of its pools is expected to have its chips free for its
/// whole estimated runtime, around the running jobs and the reservations of the jobs ahead of it;
/// the jobs whose reservation is now are the candidates. No job can delay any job ahead of it.
/// Only the first <see cref="ReservationDepth"/> waiting jobs hold reservations in a pass (the rest
/// wait for their turn). Counting is per pool; the placement policy still chooses servers.
/// </summary>
public sealed class ConservativeBackfillQueueOrder : IQueueOrderPolicy
{
    public const string PolicyName = "conservative-backfill";
    public const int ReservationDepth = 64;

    private readonly SortedWaitingSet _waiting = new();
    private readonly ReservationTimeline _timeline = new(); // reused from pass to pass

    public string Name => PolicyName;
    public bool StopsAtFirstBlocked => false;
    public int Count => _waiting.Count;

    public void Add(in WaitingJob job) => _waiting.Add(job, job.Enqueued.Microseconds);

    public void Remove(int slot) => _waiting.Remove(slot);

    public int Candidates(in QueueContext context, Span<int> bestFirstSlots)
    {
        if (context.Capacity is null) return _waiting.Candidates(bestFirstSlots);
        if (_waiting.Count == 0 || bestFirstSlots.Length == 0) return 0; // nothing to reserve for: no timeline to build
        int last = LastThatMayFitNow(context.Capacity);
        if (last < 0) return 0; // no reservation can be now: no timeline to build
        var timeline = _timeline;
        timeline.Reset(context);
        long now = context.Now.Microseconds;
        int n = 0, seen = 0;
        foreach (int slot in _waiting.InOrder())
        {
            // The jobs after the last that may fit now cannot start now: their reservations change nothing.
            if (n == bestFirstSlots.Length || seen++ > last) break;
            var job = _waiting.Job(slot);
            int chips = BackfillJobs.Chips(job);
            long duration = timeline.EndUs(BackfillJobs.DurationS(job)) - now;
            // The earliest start over the job's pools, the first pool on ties: now in the first pool
            // where it fits now, if any (no start is earlier); else later, which only the jobs after
            // it that may start now need to know (its reservation): the last of those skips the search.
            int bestPool = -1;
            long bestStart = long.MaxValue;
            for (int p = 0; p < timeline.PoolCount; p++)
            {
                if (BackfillJobs.IsEligible(job, p) && timeline.FitsNow(p, chips, duration)) { bestPool = p; bestStart = now; break; }
            }
            if (bestPool < 0 && seen <= last)
            {
                for (int p = 0; p < timeline.PoolCount; p++)
                {
                    if (!BackfillJobs.IsEligible(job, p)) continue;
                    long t = timeline.EarliestStart(p, chips, duration);
                    if (t < bestStart) { bestPool = p; bestStart = t; }
                }
            }
            if (bestPool < 0) continue;
            timeline.Reserve(bestPool, chips, bestStart, duration);
            if (bestStart == now) bestFirstSlots[n++] = slot;
        }
        return n;
    }

    /// <summary>
    /// The place in the queue (0 first) of the last of the jobs that would get a reservation that has
    /// chips enough free now in one of its pools, or -1. A reservation now needs that: on the
    /// timeline, the running jobs' ends and the reservations' ends are all after now, so the chips
    /// free at now are at most those free now. When no such job waits, the pass has no candidate
    /// and the timeline need not be built.
    /// </summary>
    private int LastThatMayFitNow(IFreeCapacityView capacity)
    {
        int seen = 0, last = -1;
        foreach (int slot in _waiting.InOrder())
        {
            if (seen == ReservationDepth) break;
            var job = _waiting.Job(slot);
            int chips = BackfillJobs.Chips(job);
            for (int p = 0; p < capacity.PoolCount; p++)
            {
                if (BackfillJobs.IsEligible(job, p) && capacity.FreeChipsInPool(p) >= chips)
                {
                    last = seen;
                    break;
                }
            }
            seen++;
        }
        return last;
    }
}
