using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Placement;

/// <summary>
/// Random (the "Random" baseline of FGD, ATC'23, as its authors' simulator runs it with
/// <c>-gpusel random</c>): a server drawn uniformly, by a seeded stream, from those where the task
/// fits; a shared task then takes a GPU drawn uniformly from the server's GPUs that hold it, and a
/// task of whole GPUs the server's lowest-index wholly free GPUs. Tasks larger than one server fall
/// back to best-fit.
/// </summary>
public sealed class RandomPlacement(int seed) : IPlacementPolicy
{
    public const string PolicyName = "random";

    private readonly Random _draws = new(seed);
    private readonly List<(int Pool, int Server)> _fits = new();
    private readonly BestFitPlacement _bestFit = new();

    public RandomPlacement() : this(0) { }

    public string Name => PolicyName;

    public PlacementResult Place(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen)
    {
        bool larger = ScoredServers.Fitting(job, free, _fits);
        if (_fits.Count == 0) return larger ? _bestFit.Place(job, free, chosen) : PlacementResult.NotNow;
        var (pool, server) = _fits[_draws.Next(_fits.Count)];
        return ScoredServers.Grant(job, chosen, pool, server, job.IsShared ? RandomChip(job, free, free.Pool(pool), server) : -1);
    }

    /// <summary>A GPU drawn uniformly from those of the server with the task's share free (reservoir sampling, as the authors do).</summary>
    private int RandomChip(in PlacementRequest job, IFreeCapacityView free, PoolInfo pool, int server)
    {
        int chosen = -1, seen = 0;
        for (int c = 0; c < pool.ChipsPerServer; c++)
            if (free.FreeMilli(server, c) >= job.Milli && _draws.Next(++seen) == 0) chosen = c;
        return chosen;
    }
}
