using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Placement;

/// <summary>
/// Fragmentation gradient descent (Weng et al., "Beware of Fragmentation: Scheduling GPU-Sharing
/// Workloads with Fragmentation Gradient Descent", ATC'23): a task goes where it makes the
/// cluster's GPU fragmentation (<see cref="GpuFragmentation"/>) grow least. For each server with room,
/// and for a task sharing a GPU each GPU with room, the change in the server's fragmentation Δ is
/// scored as the authors' simulator scores it, <c>floor(100 x sigmoid(-Δ / 1000))</c>; the highest
/// score wins (for a shared task, the first GPU of the server with it), and ties between servers go
/// to the lowest-ranked server (<see cref="ServerOrder"/>), as in the authors' simulator; the choice
/// itself is <see cref="ScoredServers"/>'. A task of whole GPUs takes the server's lowest-index
/// wholly free GPUs. Tasks larger than one server fall back to best-fit.
/// The target workload is given, or learned from the tasks this instance is asked to place.
/// </summary>
public sealed class FgdPlacement : IPlacementPolicy
{
    public const string PolicyName = "fgd";

    private readonly TargetWorkload _workload;
    private readonly bool _learns;
    private readonly ScoredServers _servers;
    private readonly ScoredServers.Scorer _scoreServer;
    private readonly Dictionary<(int Pool, long Cpu, UInt128 Milli), double> _memo = new();
    private int _memoShapes = -1;
    private int[] _scratch = new int[16];
    private int[] _sorted = new int[16];

    public FgdPlacement() : this(null, ServerOrder.Shuffled(0)) { }

    /// <param name="workload">The target workload; null to learn it from the tasks placed.</param>
    /// <param name="order">Which of equally scored servers wins.</param>
    public FgdPlacement(TargetWorkload? workload, ServerOrder order)
    {
        _learns = workload is null;
        _workload = workload ?? new TargetWorkload();
        _servers = new ScoredServers(order);
        _scoreServer = ScoreServer;
    }

    public string Name => PolicyName;

    public PlacementResult Place(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen)
    {
        int gpuMilli = job.Chips == 0 ? 0 : job.Milli;
        if (_learns) _workload.Add(new TaskShape(job.CpuMilli, gpuMilli, job.Chips, null));
        return _servers.Place(job, free, chosen, _scoreServer);
    }

    /// <summary>The server's score: for a shared task, that of its best GPU (the first on ties), which it names.</summary>
    private (int Score, int Chip) ScoreServer(in PlacementRequest job, IFreeCapacityView free, PoolInfo pool, int server)
    {
        if (_scratch.Length < pool.ChipsPerServer) _scratch = new int[pool.ChipsPerServer * 2];
        var milli = _scratch.AsSpan(0, pool.ChipsPerServer);
        for (int c = 0; c < milli.Length; c++) milli[c] = free.FreeMilli(server, c);
        long cpu = free.FreeCpuMilli(server);
        long cpuAfter = cpu == long.MaxValue ? cpu : cpu - job.CpuMilli;
        double before = Frag(pool.Pool, pool.ChipModel, cpu, milli);
        if (job.IsShared)
        {
            int chipScore = -1, chip = -1;
            for (int c = 0; c < milli.Length; c++)
            {
                if (milli[c] < job.Milli) continue;
                milli[c] -= job.Milli;
                int score = Score(before - Frag(pool.Pool, pool.ChipModel, cpuAfter, milli));
                milli[c] += job.Milli;
                if (score > chipScore) (chipScore, chip) = (score, c);
            }
            return (chipScore, chip);
        }
        int wholly = 0;
        for (int c = 0; c < milli.Length && wholly < job.Chips; c++)
            if (milli[c] == 1000) { milli[c] = 0; wholly++; }
        return (Score(before - Frag(pool.Pool, pool.ChipModel, cpuAfter, milli)), -1);
    }

    /// <summary>
    /// A server's fragmentation, memoised by its state (pool, CPU left, free thousandths per GPU in
    /// sorted order: the measure does not depend on which GPU is which), for a given target workload
    /// and servers of up to 11 GPUs; an instance that learns its workload computes every time.
    /// </summary>
    private double Frag(int pool, string chipModel, long cpu, ReadOnlySpan<int> milli)
    {
        if (_learns || milli.Length > 11) return GpuFragmentation.Of(chipModel, cpu, milli, _workload);
        if (_memoShapes != _workload.Count) { _memo.Clear(); _memoShapes = _workload.Count; }
        var sorted = _sorted.AsSpan(0, milli.Length);
        milli.CopyTo(sorted);
        sorted.Sort();
        UInt128 key = 0;
        foreach (int m in sorted) key = (key << 11) | (uint)m;
        if (_memo.TryGetValue((pool, cpu, key), out double frag)) return frag;
        frag = GpuFragmentation.Of(chipModel, cpu, milli, _workload);
        _memo[(pool, cpu, key)] = frag;
        return frag;
    }

    /// <summary>The authors' score of a fragmentation decrease (GPU thousandths): floor(100 x sigmoid(decrease / 1000)).</summary>
    public static int Score(double fragmentationDecrease) => (int)(100 / (1 + Math.Exp(-fragmentationDecrease / 1000)));

}
