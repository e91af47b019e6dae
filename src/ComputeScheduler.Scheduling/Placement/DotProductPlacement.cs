using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Placement;

/// <summary>
/// Dot product (the "DotProd" baseline of FGD, ATC'23, after Tetris, SIGCOMM'14, as the authors'
/// simulator scores it in their runs, <c>-dimext merge -norm max</c>): the server whose free
/// resources align least with the task's request, score
/// <c>floor(100 x (1 - (free . request) / 2))</c> over two dimensions, CPU and GPU (all GPUs of the
/// server merged into one), each divided by the simulator's largest node spec (128 cores, 8 GPUs;
/// <see cref="WeightedBestFitPlacement.MaxSpecCpuMilli"/>). A server that does not model CPU counts as
/// having none free. Ties: the lowest-ranked server (<see cref="ServerOrder"/>); a shared task takes
/// the tightest GPU that holds it.
/// </summary>
public sealed class DotProductPlacement(ServerOrder order) : IPlacementPolicy
{
    public const string PolicyName = "dot-product";

    private readonly ScoredServers _servers = new(order);

    public DotProductPlacement() : this(ServerOrder.Shuffled(0)) { }

    public string Name => PolicyName;

    public PlacementResult Place(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen)
        => _servers.Place(job, free, chosen, Score);

    private static (int, int) Score(in PlacementRequest job, IFreeCapacityView free, PoolInfo pool, int server)
    {
        int chip = job.IsShared ? ScoredServers.TightestChip(free, pool, server, job.Milli) : -1;
        long gpuLeft = ScoredServers.FreeGpuMilli(free, pool, server);
        long cpu = free.FreeCpuMilli(server);
        double cpuLeft = cpu == long.MaxValue ? 0 : cpu;
        const double maxCpu = WeightedBestFitPlacement.MaxSpecCpuMilli, maxGpu = WeightedBestFitPlacement.MaxSpecGpuMilli;
        double dot = cpuLeft / maxCpu * (job.CpuMilli / maxCpu) + gpuLeft / maxGpu * ((long)job.Chips * job.Milli / maxGpu);
        return ((int)(100 * (1 - dot / 2)), chip);
    }
}
