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
        => tightest ? Best(job, free, chosen, left => left) : First(job, free, chosen);

    /// <summary>The chip left with the most free thousandths (spread), ties on the lowest index.</summary>
    public static PlacementResult Loosest(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen)
        => Best(job, free, chosen, left => -left);

    private static PlacementResult First(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen)
    {
        for (int p = 0; p < free.PoolCount; p++)
        {
            if (!job.IsEligible(p)) continue;
            var pool = free.Pool(p);
            for (int s = pool.FirstServer; s < pool.FirstServer + pool.ServerCount; s++)
            {
                if (!HostResources.Fits(job, free, s)) continue;
                for (int c = 0; c < pool.ChipsPerServer; c++)
                {
                    if (free.FreeMilli(s, c) < job.Milli) continue;
                    chosen[0] = ChipGrant.Shared(s, c, job.Milli).WithHostResources(job.CpuMilli, job.MemoryMib);
                    return PlacementResult.Placed(p, 1);
                }
            }
        }
        return PlacementResult.NotNow;
    }

    /// <summary>The chip with the lowest score of its leftover thousandths, ties on the lowest index.</summary>
    private static PlacementResult Best(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen, Func<int, int> score)
    {
        int bestPool = -1, bestServer = -1, bestChip = -1, bestScore = int.MaxValue;
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
                    if (left < 0 || score(left) >= bestScore) continue;
                    (bestPool, bestServer, bestChip, bestScore) = (p, s, c, score(left));
                }
            }
        }
        if (bestPool < 0) return PlacementResult.NotNow;
        chosen[0] = ChipGrant.Shared(bestServer, bestChip, job.Milli).WithHostResources(job.CpuMilli, job.MemoryMib);
        return PlacementResult.Placed(bestPool, 1);
    }
}
