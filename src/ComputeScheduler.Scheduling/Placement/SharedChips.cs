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
        => tightest ? Scan(job, free, chosen, left => left, firstFit: false) : Scan(job, free, chosen, _ => 0, firstFit: true);

    /// <summary>The chip left with the most free thousandths (spread), ties on the lowest index.</summary>
    public static PlacementResult Loosest(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen)
        => Scan(job, free, chosen, left => -left, firstFit: false);

    /// <summary>
    /// The chip with the lowest score of its leftover thousandths, ties on the lowest index; with
    /// <paramref name="firstFit"/>, the first chip with room ends the scan.
    /// </summary>
    private static PlacementResult Scan(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen, Func<int, int> score, bool firstFit)
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
                    if (firstFit) goto found;
                }
            }
        }
    found:
        if (bestPool < 0) return PlacementResult.NotNow;
        chosen[0] = ChipGrant.Shared(bestServer, bestChip, job.Milli).WithHostResources(job.CpuMilli, job.MemoryMib);
        return PlacementResult.Placed(bestPool, 1);
    }
}
