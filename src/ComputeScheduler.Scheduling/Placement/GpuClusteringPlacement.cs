using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Placement;

/// <summary>
/// GPU clustering (the "GpuClustering" baseline of FGD, ATC'23, as its simulator scores it): tasks of
/// the same GPU shape ("share" for part of one GPU, "k-gpu" for k whole GPUs) are packed together.
/// A server's score, with <c>used = 25 x (8000 - its free GPU thousandths) / 8000</c>, is
/// 75 + used when it holds only tasks of this shape, 50 + used when it holds this shape among
/// others, 25 + used when it holds no GPU task, and used otherwise; a task with no GPU scores 0.
/// Ties: the lowest-ranked server (<see cref="ServerOrder"/>); a shared task takes the tightest GPU that holds it. The shapes a server holds
/// are remembered from this policy's own placements and forgotten when the server is wholly free
/// again (the placement interface does not report departures).
/// </summary>
public sealed class GpuClusteringPlacement(ServerOrder order) : IPlacementPolicy
{
    public const string PolicyName = "gpu-clustering";

    /// <summary>The simulator's largest GPU spec in thousandths (8 GPUs), used to scale the score.</summary>
    private const int MaxSpecMilli = 8000;

    private readonly ScoredServers _servers = new(order);
    private readonly Dictionary<int, Dictionary<string, int>> _shapes = new();

    public GpuClusteringPlacement() : this(ServerOrder.Shuffled(0)) { }

    public string Name => PolicyName;

    public PlacementResult Place(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen)
    {
        string shape = Shape(job);
        var result = _servers.Place(job, free, chosen, (in PlacementRequest j, IFreeCapacityView f, PoolInfo pool, int s) => Score(j, f, pool, s, shape));
        if (result.IsPlaced && job.Chips > 0)
        {
            var held = ShapesOf(free, chosen[0].Server);
            held[shape] = held.GetValueOrDefault(shape) + 1;
        }
        return result;
    }

    private (int, int) Score(in PlacementRequest job, IFreeCapacityView free, PoolInfo pool, int server, string shape)
    {
        int chip = job.IsShared ? ScoredServers.TightestChip(free, pool, server, job.Milli) : -1;
        if (job.Chips == 0) return (0, chip);
        int used = (int)(25 * (MaxSpecMilli - ScoredServers.FreeGpuMilli(free, pool, server)) / MaxSpecMilli);
        var held = ShapesOf(free, server);
        if (held.GetValueOrDefault(shape) > 0) return ((held.Count == 1 ? 75 : 50) + used, chip);
        return ((held.Count == 0 ? 25 : 0) + used, chip);
    }

    private Dictionary<string, int> ShapesOf(IFreeCapacityView free, int server)
    {
        if (!_shapes.TryGetValue(server, out var held)) _shapes[server] = held = new Dictionary<string, int>(StringComparer.Ordinal);
        else if (IsIdle(free, server)) held.Clear();
        return held;
    }

    private static bool IsIdle(IFreeCapacityView free, int server)
    {
        var pool = free.Pool(GpuFragmentation.PoolOf(free, server));
        return free.FreeChips(server) == pool.ChipsPerServer;
    }

    private static string Shape(in PlacementRequest job) => job.Chips == 0 ? "none" : job.IsShared ? "share" : $"{job.Chips}-gpu";
}
