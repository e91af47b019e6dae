using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Placement;

/// <summary>
/// Worst fit (spread): leave the most free space behind, to spread load and heat.
/// <list type="bullet">
/// <item>A job that fits one server goes to the server with the most free chips, over all eligible
/// pools; ties go to the earlier pool, then the lowest server index.</item>
/// <item>A larger job takes chips from the servers with the most free chips first (lowest index
/// among equals), in the first eligible pool with enough free chips.</item>
/// <item>A job that shares a chip goes to the chip with the most free thousandths; a CPU-only job
/// to the first server with room.</item>
/// </list>
/// </summary>
public sealed class WorstFitPlacement : IPlacementPolicy
{
    public const string PolicyName = "worst-fit";

    public string Name => PolicyName;

    public PlacementResult Place(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen)
    {
        if (job.IsShared) return SharedChips.Loosest(job, free, chosen);
        if (job.Chips == 0) return HostResources.PlaceCpuOnly(job, free, chosen, tightest: false);
        int bestPool = -1, bestServer = -1, bestFree = -1;
        for (int p = 0; p < free.PoolCount; p++)
        {
            if (!job.IsEligible(p) || free.FreeChipsInPool(p) < job.Chips) continue;
            var pool = free.Pool(p);
            if (job.Chips > pool.ChipsPerServer) continue;
            for (int k = pool.ChipsPerServer; k >= job.Chips && k > bestFree; k--)
            {
                int s = free.FirstServerWithFree(p, k, pool.FirstServer);
                while (s >= 0 && !HostResources.Fits(job, free, s)) s = free.FirstServerWithFree(p, k, s + 1);
                if (s < 0) continue;
                (bestPool, bestServer, bestFree) = (p, s, k);
                break;
            }
        }
        if (bestServer >= 0)
        {
            chosen[0] = new ChipGrant(bestServer, job.Chips).WithHostResources(job.CpuMilli, job.MemoryMib);
            return PlacementResult.Placed(bestPool, 1);
        }
        for (int p = 0; p < free.PoolCount; p++)
        {
            if (!job.IsEligible(p) || free.FreeChipsInPool(p) < job.Chips) continue;
            var pool = free.Pool(p);
            if (job.Chips <= pool.ChipsPerServer) continue;
            int remaining = job.Chips, n = 0;
            for (int k = pool.ChipsPerServer; k >= 1 && remaining > 0; k--)
                for (int s = free.FirstServerWithFree(p, k, pool.FirstServer); s >= 0 && remaining > 0; s = free.FirstServerWithFree(p, k, s + 1))
                {
                    int take = Math.Min(k, remaining);
                    chosen[n++] = new ChipGrant(s, take);
                    remaining -= take;
                }
            if (remaining > 0 || !HostResources.Attach(job, free, chosen[..n])) continue;
            return PlacementResult.Placed(p, n);
        }
        return PlacementResult.NotNow;
    }
}
