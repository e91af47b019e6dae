using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Placement;

/// <summary>
/// GPU packing (the "GpuPacking" baseline of FGD, ATC'23, as its simulator scores it), from best to worst:
/// <list type="number">
/// <item>a task that can use partly taken GPUs only: 100 - (their free share in %) / 10, at least 50;</item>
/// <item>a task that must take wholly free GPUs on a server already in use: 50 - those GPUs, at least 33;</item>
/// <item>a wholly free server: 33 - its GPUs (at least its GPUs).</item>
/// </list>
/// GPUs are taken tightest first; a task with no GPU scores 0 everywhere. Ties: the lowest-ranked
/// server (<see cref="ServerOrder"/>).
/// </summary>
public sealed class GpuPackingPlacement(ServerOrder order) : IPlacementPolicy
{
    public const string PolicyName = "gpu-packing";

    private readonly ScoredServers _servers = new(order);

    public GpuPackingPlacement() : this(ServerOrder.Shuffled(0)) { }

    public string Name => PolicyName;

    public PlacementResult Place(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen)
        => _servers.Place(job, free, chosen, Score);

    private static (int, int) Score(in PlacementRequest job, IFreeCapacityView free, PoolInfo pool, int server)
    {
        int chip = job.IsShared ? ScoredServers.TightestChip(free, pool, server, job.Milli) : -1;
        if (job.Chips == 0) return (0, chip);
        int gpus = pool.ChipsPerServer, wholly = free.FreeChips(server);
        if (wholly == gpus) return (Math.Max(100 / 3 - wholly, wholly), chip);
        if (!job.IsShared) return (Math.Max(50 - job.Chips, 100 / 3), chip);
        int left = free.FreeMilli(server, chip);
        if (left == 1000) return (Math.Max(50 - 1, 100 / 3), chip);
        return (Math.Max(100 - left * 100 / 1000 / 10, 50), chip);
    }
}
