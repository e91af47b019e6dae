using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Placement;

/// <summary>Where a job that shares one chip can go: a scan of the eligible pools' chips in index order.</summary>
internal static class SharedChips
{
    /// <summary>
    /// The first chip with enough free thousandths, or (<paramref name="tightest"/>) the one left with
    /// the fewest, ties on the lowest index. O(chips of the eligible pools).
    /// </summary>
    public static PlacementResult Place(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen, bool tightest)
    {
        int bestPool = -1, bestServer = -1, bestChip = -1, bestLeft = int.MaxValue;
        for (int p = 0; p < free.PoolCount; p++)
        {
            if (!job.IsEligible(p)) continue;
            var pool = free.Pool(p);
            for (int s = pool.FirstServer; s < pool.FirstServer + pool.ServerCount; s++)
            {
                if (!HostResources.Fits(job, free, s)) continue;
                for (int c = 0; c < pool.ChipsPerServer; c++)
                {
                    int left = free.FreeMilli(s, c) - job.Milli;
                    if (left < 0 || left >= bestLeft) continue;
                    (bestPool, bestServer, bestChip, bestLeft) = (p, s, c, left);
                    if (!tightest || left == 0) goto done;
                }
            }
        }
    done:
        if (bestPool < 0) return PlacementResult.NotNow;
        chosen[0] = ChipGrant.Shared(bestServer, bestChip, job.Milli).WithHostResources(job.CpuMilli, job.MemoryMib);
        return PlacementResult.Placed(bestPool, 1);
    }
}
