using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Placement;

/// <summary>
/// Consolidation: a job spans the fewest servers, then the fewest racks. A job that fits one server
/// is best-fit (one server). A larger job takes whole free servers plus one remainder server (the
/// fewest servers possible) in the rack with the fewest free chips that can hold it all (ties: earlier
/// pool, lower rack); when no rack can, it takes whole servers from the racks with the most wholly
/// free servers first, so it spans as few racks as it can. Shared-chip and CPU-only jobs are packed
/// tightest, as by best-fit.
/// </summary>
public sealed class ConsolidationPlacement : IPlacementPolicy
{
    public const string PolicyName = "consolidation";

    private readonly BestFitPlacement _bestFit = new();

    public string Name => PolicyName;

    public PlacementResult Place(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen)
    {
        if (job.IsShared || job.Chips == 0) return _bestFit.Place(job, free, chosen);
        for (int p = 0; p < free.PoolCount; p++)
        {
            if (!job.IsEligible(p) || free.FreeChipsInPool(p) < job.Chips) continue;
            if (job.Chips <= free.Pool(p).ChipsPerServer) return _bestFit.Place(job, free, chosen);
        }
        int bestPool = -1, bestFree = int.MaxValue;
        (int From, int End) bestRack = (-1, -1);
        for (int p = 0; p < free.PoolCount; p++)
        {
            if (!job.IsEligible(p) || free.FreeChipsInPool(p) < job.Chips) continue;
            var pool = free.Pool(p);
            var rack = ServerGroups.TightestGroup(free, pool, pool.ServersPerRack, job.Chips, g => ServerGroups.RackRange(pool, pool.FirstRack + g));
            if (rack.From < 0) continue;
            int f = ServerGroups.FreeChips(free, rack.From, rack.End);
            if (f < bestFree) (bestPool, bestRack, bestFree) = (p, rack, f);
        }
        if (bestPool >= 0)
            return ServerGroups.Finish(job, free, bestPool, ServerGroups.Fill(free, free.Pool(bestPool), bestRack.From, bestRack.End, job.Chips, chosen), chosen);
        for (int p = 0; p < free.PoolCount; p++)
        {
            if (!job.IsEligible(p) || free.FreeChipsInPool(p) < job.Chips) continue;
            var result = ServerGroups.Finish(job, free, p, ServerGroups.FillAcrossRacks(free, free.Pool(p), job.Chips, chosen), chosen);
            if (result.IsPlaced) return result;
        }
        return PlacementResult.NotNow;
    }
}
