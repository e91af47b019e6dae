using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Placement;

/// <summary>
/// First fit: the first eligible pool (scenario order) that can hold the job now. Within it, a job
/// that fits one server goes to the lowest-index server with enough free chips; a larger job takes
/// free chips server by server from the lowest index up. A job that shares a chip goes to the first
/// chip (pool, server, chip order) with enough free thousandths.
/// </summary>
public sealed class FirstFitPlacement : IPlacementPolicy
{
    public const string PolicyName = "first-fit";

    public string Name => PolicyName;

    public PlacementResult Place(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen)
    {
        if (job.IsShared) return SharedChips.Place(job, free, chosen, tightest: false);
        if (job.Chips == 0) return HostResources.PlaceCpuOnly(job, free, chosen, tightest: false);
        for (int p = 0; p < free.PoolCount; p++)
        {
            if (!job.IsEligible(p) || free.FreeChipsInPool(p) < job.Chips) continue;
            var pool = free.Pool(p);
            if (job.Chips <= pool.ChipsPerServer)
            {
                int best = -1;
                for (int k = job.Chips; k <= pool.ChipsPerServer; k++)
                {
                    int s = free.FirstServerWithFree(p, k, pool.FirstServer);
                    while (s >= 0 && !HostResources.Fits(job, free, s)) s = free.FirstServerWithFree(p, k, s + 1);
                    if (s >= 0 && (best < 0 || s < best)) best = s;
                }
                if (best < 0) continue;
                chosen[0] = new ChipGrant(best, job.Chips).WithHostResources(job.CpuMilli, job.MemoryMib);
                return PlacementResult.Placed(p, 1);
            }
            int remaining = job.Chips, n = 0;
            for (int s = pool.FirstServer; s < pool.FirstServer + pool.ServerCount && remaining > 0; s++)
            {
                int take = Math.Min(free.FreeChips(s), remaining);
                if (take == 0) continue;
                chosen[n++] = new ChipGrant(s, take);
                remaining -= take;
            }
            if (!HostResources.Attach(job, free, chosen[..n])) continue;
            return PlacementResult.Placed(p, n);
        }
        return PlacementResult.NotNow;
    }
}
