using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Placement;

/// <summary>
/// Dot product (the "DotProd" baseline of FGD, ATC'23, after Tetris, SIGCOMM'14, as the authors'
/// simulator scores it): the server whose free resources align least with the task's request,
/// score <c>floor(100 x (1 - (free . request) / dimensions))</c> with CPU and GPU (all GPUs of the server
/// merged into one dimension) each divided by the server's capacity. The simulator offers other
/// ways to build the vectors; this one (merged GPU dimension, normalised by the server) is our
/// assumption of its default. A server that does not model CPU counts only the GPU dimension.
/// Ties: a seeded draw; a shared task takes the tightest GPU that holds it.
/// </summary>
public sealed class DotProductPlacement(int seed) : IPlacementPolicy
{
    public const string PolicyName = "dot-product";

    private readonly ScoredServers _servers = new(seed);

    public DotProductPlacement() : this(0) { }

    public string Name => PolicyName;

    public PlacementResult Place(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen)
        => _servers.Place(job, free, chosen, Score);

    private static (int, int) Score(in PlacementRequest job, IFreeCapacityView free, PoolInfo pool, int server)
    {
        int chip = job.IsShared ? ScoredServers.TightestChip(free, pool, server, job.Milli) : -1;
        double gpuCapacity = pool.ChipsPerServer * 1000d;
        int gpuLeft = 0;
        for (int c = 0; c < pool.ChipsPerServer; c++) gpuLeft += free.FreeMilli(server, c);
        double dot = gpuLeft / gpuCapacity * (job.Chips * (double)job.Milli / gpuCapacity);
        int dimensions = 1;
        if (pool.CpuMilliPerServer > 0)
        {
            dot += free.FreeCpuMilli(server) / (double)pool.CpuMilliPerServer * (job.CpuMilli / (double)pool.CpuMilliPerServer);
            dimensions = 2;
        }
        return ((int)(100 * (1 - dot / dimensions)), chip);
    }
}
