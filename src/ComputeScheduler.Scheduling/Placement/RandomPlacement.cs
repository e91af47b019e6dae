using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Placement;

/// <summary>
/// Random (the "Random" baseline of FGD, ATC'23): a server drawn uniformly, by a seeded stream, from
/// those where the task fits; a shared task takes the server's tightest GPU that holds it.
/// </summary>
public sealed class RandomPlacement(int seed) : IPlacementPolicy
{
    public const string PolicyName = "random";

    private readonly ScoredServers _servers = new(seed);

    public RandomPlacement() : this(0) { }

    public string Name => PolicyName;

    public PlacementResult Place(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen)
        => _servers.Place(job, free, chosen, static (in PlacementRequest j, IFreeCapacityView f, PoolInfo pool, int s)
            => (0, j.IsShared ? ScoredServers.TightestChip(f, pool, s, j.Milli) : -1));
}
