using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Placement;

/// <summary>
/// Heterogeneity-aware placement in the spirit of Gavel (Narayanan et al., OSDI'20): a job goes to
/// the chip model on which it runs fastest, by its class's effective throughput per chip on each
/// pool (measured where the scenario gives a throughput table, e.g. Gavel's), not merely to the
/// first pool with room. Pools are tried from the highest throughput down (ties: earlier pool), and
/// within a pool the job is best-fit. When the job's throughputs are not known it is plain best-fit.
/// Unlike Gavel it places one job at a time and does not time-share a job across chip models
/// (a preemptive queue order may still move it when it is resumed).
/// </summary>
public sealed class HeterogeneityAwarePlacement : IPlacementPolicy
{
    public const string PolicyName = "heterogeneity-aware";

    private readonly BestFitPlacement _bestFit = new();

    public string Name => PolicyName;

    public PlacementResult Place(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen)
    {
        if (job.Throughput is not { } speed) return _bestFit.Place(job, free, chosen);
        ulong tried = 0;
        while (true)
        {
            int best = -1;
            for (int p = 0; p < free.PoolCount; p++)
            {
                if (!job.IsEligible(p) || (tried & (1UL << p)) != 0) continue;
                if (best < 0 || speed[p] > speed[best]) best = p;
            }
            if (best < 0) return PlacementResult.NotNow;
            tried |= 1UL << best;
            var result = _bestFit.Place(job with { EligiblePools = 1UL << best }, free, chosen);
            if (result.IsPlaced) return result;
        }
    }
}
