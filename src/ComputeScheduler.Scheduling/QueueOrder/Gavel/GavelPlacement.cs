using ComputeScheduler.Scheduling.Placement;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.QueueOrder.Gavel;

/// <summary>
/// The placement of Gavel's rounds: a job in the current round of a <see cref="GavelQueueOrder"/> goes to
/// the pool the round gave it (best-fit within it), or waits. A job outside the round (work-conserving fill
/// between rounds) goes, under a heterogeneity-aware order, to the fastest pool with room
/// (<see cref="HeterogeneityAwarePlacement"/>), under the agnostic one to any pool (best-fit). Linked to the
/// centre's queue order by <see cref="CentreEngineFactory"/>; unlinked, it is <c>heterogeneity-aware</c>.
/// </summary>
public sealed class GavelPlacement : IPlacementPolicy
{
    public const string PolicyName = "gavel";

    private readonly BestFitPlacement _bestFit = new();
    private readonly HeterogeneityAwarePlacement _fastest = new();
    private GavelQueueOrder? _rounds;

    public string Name => PolicyName;

    /// <summary>Follows <paramref name="rounds"/>' plan from now on.</summary>
    public void Follow(GavelQueueOrder rounds) => _rounds = rounds;

    public PlacementResult Place(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen)
    {
        if (_rounds is null) return _fastest.Place(job, free, chosen);
        int pool = _rounds.PlannedPool(job.Id);
        if (pool >= 0)
            return job.IsEligible(pool) ? _bestFit.Place(job with { EligiblePools = 1UL << pool }, free, chosen) : PlacementResult.NotNow;
        return _rounds.IsHeterogeneityAware ? _fastest.Place(job, free, chosen) : _bestFit.Place(job, free, chosen);
    }
}
