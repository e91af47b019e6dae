using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Placement;

/// <summary>
/// Topology-aware placement, preferring what the engine rewards (no communication penalty inside one
/// scale-up domain, the rack fabric's inside one rack, the oversubscribed fabric beyond): a
/// multi-server job goes into one scale-up domain when one can hold it (the domain with the fewest
/// free chips, over all eligible pools), else into one rack (likewise), else across the fewest racks.
/// Within the chosen group, whole free servers and the remainder on the tightest server. A job of
/// one server (always in one domain), a shared-chip job and a CPU-only job are best-fit.
/// </summary>
public sealed class TopologyAwarePlacement : IPlacementPolicy
{
    public const string PolicyName = "topology-aware";

    private readonly BestFitPlacement _bestFit = new();
    private readonly ConsolidationPlacement _consolidation = new();

    public string Name => PolicyName;

    public PlacementResult Place(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen)
    {
        if (job.IsShared || job.Chips == 0) return _bestFit.Place(job, free, chosen);
        int bestPool = -1, bestFree = int.MaxValue;
        (int From, int End) bestDomain = (-1, -1);
        for (int p = 0; p < free.PoolCount; p++)
        {
            if (!job.IsEligible(p) || free.FreeChipsInPool(p) < job.Chips) continue;
            var pool = free.Pool(p);
            if (job.Chips <= pool.ChipsPerServer) return _bestFit.Place(job, free, chosen);
            if (pool.ServersPerScaleUpDomain <= 1 || job.Chips > pool.ServersPerScaleUpDomain * pool.ChipsPerServer) continue;
            var domain = ServerGroups.TightestGroup(free, pool, pool.ServersPerScaleUpDomain, job.Chips);
            if (domain.From < 0) continue;
            int f = ServerGroups.FreeChips(free, domain.From, domain.End);
            if (f < bestFree) (bestPool, bestDomain, bestFree) = (p, domain, f);
        }
        if (bestPool >= 0)
            return ServerGroups.Finish(job, free, bestPool, ServerGroups.Fill(free, free.Pool(bestPool), bestDomain.From, bestDomain.End, job.Chips, chosen), chosen);
        return _consolidation.Place(job, free, chosen);
    }
}
