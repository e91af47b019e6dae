using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Placement;

/// <summary>CPU and memory of a job: where they fit, and which grant carries them.</summary>
internal static class HostResources
{
    public static bool Fits(in PlacementRequest job, IFreeCapacityView free, int server)
        => free.HasHostRoom(server, job.CpuMilli, job.MemoryMib);

    /// <summary>Puts the job's CPU and memory on the first grant whose server has room; false when none has.</summary>
    public static bool Attach(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> grants)
    {
        if (!job.NeedsHostResources) return true;
        for (int i = 0; i < grants.Length; i++)
        {
            if (!Fits(job, free, grants[i].Server)) continue;
            grants[i] = grants[i].WithHostResources(job.CpuMilli, job.MemoryMib);
            return true;
        }
        return false;
    }

    /// <summary>
    /// A job of no chip (CPU-only): the first eligible server with room, or (<paramref name="tightest"/>) the one
    /// left with the least free CPU, ties on the lowest index.
    /// </summary>
    public static PlacementResult PlaceCpuOnly(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen, bool tightest)
    {
        int bestPool = -1, bestServer = -1;
        long bestLeft = long.MaxValue;
        for (int p = 0; p < free.PoolCount; p++)
        {
            if (!job.IsEligible(p)) continue;
            var pool = free.Pool(p);
            for (int s = pool.FirstServer; s < pool.FirstServer + pool.ServerCount; s++)
            {
                if (!Fits(job, free, s)) continue;
                long left = free.FreeCpuMilli(s) == long.MaxValue ? long.MaxValue - 1 : free.FreeCpuMilli(s) - job.CpuMilli;
                if (bestServer >= 0 && left >= bestLeft) continue;
                (bestPool, bestServer, bestLeft) = (p, s, left);
                if (!tightest) goto done;
            }
        }
    done:
        if (bestServer < 0) return PlacementResult.NotNow;
        chosen[0] = new ChipGrant(bestServer, 0, ChipGrant.Whole, 0, job.CpuMilli, job.MemoryMib);
        return PlacementResult.Placed(bestPool, 1);
    }
}
