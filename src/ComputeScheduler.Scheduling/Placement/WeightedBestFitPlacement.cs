using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Placement;

/// <summary>
/// The "BestFit" baseline of FGD (ATC'23) as its authors' simulator scores it: a server's leftover
/// after the task, CPU and GPU weighted one half each and each divided by the largest node spec
/// (128 cores, 8 GPUs), <c>score = floor(100 x (1 - leftover))</c>; the highest score wins, ties to the
/// lowest-ranked server, and a shared task takes the tightest GPU that holds it. Unlike <c>best-fit</c>, which
/// counts chips only, it weighs CPU too: a CPU-only task goes where little CPU and GPU are left, so
/// it strands no GPU. A server that does not model CPU counts as having none left.
/// </summary>
public sealed class WeightedBestFitPlacement(ServerOrder order) : IPlacementPolicy
{
    public const string PolicyName = "weighted-best-fit";

    /// <summary>The simulator's normalisation constants: the largest node spec, CPU thousandths and GPU thousandths.</summary>
    public const double MaxSpecCpuMilli = 128_000, MaxSpecGpuMilli = 8_000;

    private readonly ScoredServers _servers = new(order);

    public WeightedBestFitPlacement() : this(ServerOrder.Shuffled(0)) { }

    public string Name => PolicyName;

    public PlacementResult Place(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen)
        => _servers.Place(job, free, chosen, Score);

    private static (int, int) Score(in PlacementRequest job, IFreeCapacityView free, PoolInfo pool, int server)
    {
        int chip = job.IsShared ? ScoredServers.TightestChip(free, pool, server, job.Milli) : -1;
        long gpuLeft = ScoredServers.FreeGpuMilli(free, pool, server);
        long cpu = free.FreeCpuMilli(server);
        double cpuLeft = cpu == long.MaxValue ? 0 : cpu - job.CpuMilli;
        double leftover = 0.5 * cpuLeft / MaxSpecCpuMilli + 0.5 * (gpuLeft - (long)job.Chips * job.Milli) / MaxSpecGpuMilli;
        return ((int)((1 - leftover) * 100), chip);
    }
}
