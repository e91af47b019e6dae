using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Placement;

/// <summary>
/// The Kubernetes-style choice the openb simulator's policies share: every server where a
/// one-server task fits gets an integer score, the highest wins, and ties go to the server of lowest rank in <see cref="ServerOrder"/>, as in the FGD authors' simulator. A task
/// sharing a GPU goes to the GPU the scorer names; a task of whole GPUs takes the server's
/// lowest-index wholly free GPUs. Tasks larger than one server fall back to best-fit.
/// </summary>
internal sealed class ScoredServers(ServerOrder order)
{
    /// <summary>A server's score for the task and, for a shared task, the GPU to use (-1 otherwise).</summary>
    public delegate (int Score, int Chip) Scorer(in PlacementRequest job, IFreeCapacityView free, PoolInfo pool, int server);

    private readonly BestFitPlacement _bestFit = new();

    public PlacementResult Place(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen, Scorer score)
    {
        int bestScore = int.MinValue, bestRank = int.MaxValue, pool0 = -1, server = -1, chip0 = -1;
        bool larger = false;
        for (int p = 0; p < free.PoolCount; p++)
        {
            if (!job.IsEligible(p)) continue;
            var pool = free.Pool(p);
            if (job.Chips > pool.ChipsPerServer) { larger = true; continue; }
            for (int s = pool.FirstServer; s < pool.FirstServer + pool.ServerCount; s++)
            {
                if (!Fits(job, free, pool, s)) continue;
                var (value, chip) = score(job, free, pool, s);
                int rank = order.Rank(s);
                if (!ServerOrder.Beats(value, rank, bestScore, bestRank)) continue;
                (bestScore, bestRank, pool0, server, chip0) = (value, rank, p, s, chip);
            }
        }
        if (server < 0) return larger ? _bestFit.Place(job, free, chosen) : PlacementResult.NotNow;
        chosen[0] = job.IsShared
            ? ChipGrant.Shared(server, chip0, job.Milli).WithHostResources(job.CpuMilli, job.MemoryMib)
            : new ChipGrant(server, job.Chips).WithHostResources(job.CpuMilli, job.MemoryMib);
        return PlacementResult.Placed(pool0, 1);
    }

    /// <summary>True when the task fits the server: CPU and memory, and a GPU with its share free or enough wholly free GPUs.</summary>
    public static bool Fits(in PlacementRequest job, IFreeCapacityView free, PoolInfo pool, int server)
    {
        if (!free.HasHostRoom(server, job.CpuMilli, job.MemoryMib)) return false;
        if (job.IsShared) return TightestChip(free, pool, server, job.Milli) >= 0;
        return free.FreeChips(server) >= job.Chips;
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
