using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Placement;

/// <summary>
/// The Kubernetes-style choice the openb simulator's policies share: every server where a
/// one-server task fits gets an integer score, the highest wins, and ties go to the server of lowest
/// rank in <see cref="ServerOrder"/>, as in the FGD authors' simulator. A task sharing a GPU goes to
/// the GPU the scorer names; a task of whole GPUs takes the server's lowest-index wholly free GPUs.
/// Tasks larger than one server fall back to best-fit.
/// </summary>
internal sealed class ScoredServers(ServerOrder order)
{
    /// <summary>A server's score for the task and, for a shared task, the GPU to use (-1 otherwise).</summary>
    public delegate (int Score, int Chip) Scorer(in PlacementRequest job, IFreeCapacityView free, PoolInfo pool, int server);

    private readonly BestFitPlacement _bestFit = new();

    private readonly List<(int Pool, int Server)> _fits = new();

    public PlacementResult Place(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen, Scorer score)
    {
        int bestScore = int.MinValue, bestRank = int.MaxValue, pool0 = -1, server = -1, chip0 = -1;
        bool larger = Fitting(job, free, _fits);
        foreach (var (p, s) in _fits)
        {
            var (value, chip) = score(job, free, free.Pool(p), s);
            int rank = order.Rank(s);
            if (!ServerOrder.Beats(value, rank, bestScore, bestRank)) continue;
            (bestScore, bestRank, pool0, server, chip0) = (value, rank, p, s, chip);
        }
        if (server < 0) return larger ? _bestFit.Place(job, free, chosen) : PlacementResult.NotNow;
        return Grant(job, chosen, pool0, server, chip0);
    }

    /// <summary>
    /// Fills <paramref name="fits"/> with the (pool, server) pairs of eligible pools where the task fits;
    /// true when some eligible pool's servers are too small for it (it then falls back to best-fit).
    /// </summary>
    public static bool Fitting(in PlacementRequest job, IFreeCapacityView free, List<(int Pool, int Server)> fits)
    {
        fits.Clear();
        bool larger = false;
        for (int p = 0; p < free.PoolCount; p++)
        {
            if (!job.IsEligible(p)) continue;
            var pool = free.Pool(p);
            if (job.Chips > pool.ChipsPerServer) { larger = true; continue; }
            for (int s = pool.FirstServer; s < pool.FirstServer + pool.ServerCount; s++)
                if (Fits(job, free, pool, s)) fits.Add((p, s));
        }
        return larger;
    }

    /// <summary>Grants the task on one server: the given GPU for a shared task, else the lowest-index wholly free GPUs.</summary>
    public static PlacementResult Grant(in PlacementRequest job, Span<ChipGrant> chosen, int pool, int server, int chip)
    {
        chosen[0] = job.IsShared
            ? ChipGrant.Shared(server, chip, job.Milli).WithHostResources(job.CpuMilli, job.MemoryMib)
            : new ChipGrant(server, job.Chips).WithHostResources(job.CpuMilli, job.MemoryMib);
        return PlacementResult.Placed(pool, 1);
    }

    /// <summary>True when the task fits the server: CPU and memory, and a GPU with its share free or enough wholly free GPUs.</summary>
    public static bool Fits(in PlacementRequest job, IFreeCapacityView free, PoolInfo pool, int server)
    {
        if (!free.HasHostRoom(server, job.CpuMilli, job.MemoryMib)) return false;
        if (job.IsShared) return TightestChip(free, pool, server, job.Milli) >= 0;
        return free.FreeChips(server) >= job.Chips;
    }

    /// <summary>The free thousandths of all the server's GPUs together.</summary>
    public static long FreeGpuMilli(IFreeCapacityView free, PoolInfo pool, int server)
    {
        long left = 0;
        for (int c = 0; c < pool.ChipsPerServer; c++) left += free.FreeMilli(server, c);
        return left;
    }

    /// <summary>The GPU of the server with the fewest free thousandths that still holds <paramref name="milli"/> (lowest index on ties), or -1.</summary>
    public static int TightestChip(IFreeCapacityView free, PoolInfo pool, int server, int milli)
    {
        int best = -1, bestLeft = int.MaxValue;
        for (int c = 0; c < pool.ChipsPerServer; c++)
        {
            int left = free.FreeMilli(server, c);
            if (left >= milli && left < bestLeft) (best, bestLeft) = (c, left);
        }
        return best;
    }
}
