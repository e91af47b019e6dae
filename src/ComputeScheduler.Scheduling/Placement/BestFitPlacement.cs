using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Placement;

/// <summary>
/// Best fit: leave the least free space behind, to keep whole servers free for large jobs.
/// <list type="bullet">
/// <item>A job that fits one server goes to the server left with the fewest free chips, over all
/// eligible pools; ties go to the earlier pool, then the lowest server index.</item>
/// <item>A larger job takes whole free servers for <c>chips / chipsPerServer</c> and best-fits the
/// remainder. It picks the pool and rack with the fewest free chips that can hold all of it
/// in one rack (ties: earlier pool, lower rack); when no rack can, it takes whole free servers
/// from the lowest index up in the first eligible pool with room.</item>
/// <item>A job that shares a chip goes to the chip left with the fewest free thousandths, over all
/// eligible pools (a partly used chip before a whole one); ties go to the earlier pool, then the
/// lowest server and chip index.</item>
/// </list>
/// </summary>
public sealed class BestFitPlacement : IPlacementPolicy
{
    public const string PolicyName = "best-fit";

    public string Name => PolicyName;

    public PlacementResult Place(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen)
    {
        if (job.IsShared) return SharedChips.Place(job, free, chosen, tightest: true);
        if (job.Chips == 0) return HostResources.PlaceCpuOnly(job, free, chosen, tightest: true);
        int bestPool = -1, bestServer = -1, bestLeft = int.MaxValue;
        for (int p = 0; p < free.PoolCount; p++)
        {
            if (!job.IsEligible(p) || free.FreeChipsInPool(p) < job.Chips) continue;
            var pool = free.Pool(p);
            if (job.Chips > pool.ChipsPerServer) continue;
            for (int k = job.Chips; k <= pool.ChipsPerServer && k - job.Chips < bestLeft; k++)
            {
                int s = free.FirstServerWithFree(p, k, pool.FirstServer);
                while (s >= 0 && !HostResources.Fits(job, free, s)) s = free.FirstServerWithFree(p, k, s + 1);
                if (s < 0) continue;
                bestPool = p; bestServer = s; bestLeft = k - job.Chips;
                break;
            }
        }
        if (bestServer >= 0)
        {
            chosen[0] = new ChipGrant(bestServer, job.Chips).WithHostResources(job.CpuMilli, job.MemoryMib);
            return PlacementResult.Placed(bestPool, 1);
        }
        return PlaceAcrossServers(job, free, chosen);
    }

    private static PlacementResult PlaceAcrossServers(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen)
    {
        int rackPool = -1, bestRack = -1, bestRackFree = int.MaxValue;
        for (int p = 0; p < free.PoolCount; p++)
        {
            if (!job.IsEligible(p) || free.FreeChipsInPool(p) < job.Chips) continue;
            var pool = free.Pool(p);
            if (job.Chips <= pool.ChipsPerServer) continue;
            int whole = job.Chips / pool.ChipsPerServer;
            int rest = job.Chips % pool.ChipsPerServer;
            for (int r = pool.FirstRack; r < pool.FirstRack + pool.RackCount; r++)
            {
                int wholly = free.WhollyFreeServersInRack(r);
                if (wholly < whole || free.FreeChipsInRack(r) < job.Chips) continue;
                if (rest > 0 && wholly == whole && !RackHasPartial(free, pool, r, rest)) continue;
                int rackFree = free.FreeChipsInRack(r);
                if (rackFree < bestRackFree) { rackPool = p; bestRack = r; bestRackFree = rackFree; }
            }
        }
        if (bestRack >= 0) return WithHost(job, free, chosen, Fill(job.Chips, free, free.Pool(rackPool), bestRack, chosen));

        for (int p = 0; p < free.PoolCount; p++)
        {
            if (!job.IsEligible(p) || free.FreeChipsInPool(p) < job.Chips) continue;
            var pool = free.Pool(p);
            if (job.Chips <= pool.ChipsPerServer) continue;
            int whole = job.Chips / pool.ChipsPerServer;
            int rest = job.Chips % pool.ChipsPerServer;
            int wholly = free.ServersWithFree(p, pool.ChipsPerServer);
            if (wholly < whole) continue;
            if (rest > 0 && wholly == whole && !PoolHasPartial(free, pool, rest)) continue;
            return WithHost(job, free, chosen, Fill(job.Chips, free, pool, -1, chosen));
        }
        return PlacementResult.NotNow;
    }

    private static PlacementResult WithHost(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen, PlacementResult result)
        => result.IsPlaced && !HostResources.Attach(job, free, chosen[..result.GrantCount]) ? PlacementResult.NotNow : result;

    /// <summary>Whole free servers (lowest index first, within <paramref name="rack"/> when not -1), then the remainder best-fit.</summary>
    private static PlacementResult Fill(int chips, IFreeCapacityView free, PoolInfo pool, int rack, Span<ChipGrant> chosen)
    {
        int cps = pool.ChipsPerServer, whole = chips / cps, rest = chips % cps, n = 0;
        var (from, end) = Range(pool, rack);
        int s = from;
        while (n < whole)
        {
            s = free.FirstServerWithFree(pool.Pool, cps, s);
            if (s < 0 || s >= end) throw new InvalidOperationException("best-fit: whole servers counted but not found");
            chosen[n++] = new ChipGrant(s, cps);
            s++;
        }
        if (rest > 0)
        {
            // Fewest free chips first; a whole server only when no partial one fits, and never one already taken.
            int partial = FirstWithFree(free, pool, rest, cps - 1, from, end);
            if (partial < 0)
            {
                partial = free.FirstServerWithFree(pool.Pool, cps, s);
                if (partial >= end) partial = -1;
            }
            if (partial < 0) throw new InvalidOperationException("best-fit: remainder counted but not found");
            chosen[n++] = new ChipGrant(partial, rest);
        }
        return PlacementResult.Placed(pool.Pool, n);
    }

    private static bool RackHasPartial(IFreeCapacityView free, PoolInfo pool, int rack, int rest)
    {
        var (from, end) = Range(pool, rack);
        return FirstWithFree(free, pool, rest, pool.ChipsPerServer - 1, from, end) >= 0;
    }

    private static bool PoolHasPartial(IFreeCapacityView free, PoolInfo pool, int rest)
        => FirstWithFree(free, pool, rest, pool.ChipsPerServer - 1, pool.FirstServer, pool.FirstServer + pool.ServerCount) >= 0;

    /// <summary>The lowest-index server in [from, end) with the fewest free chips in [lo, hi]; -1 if none.</summary>
    private static int FirstWithFree(IFreeCapacityView free, PoolInfo pool, int lo, int hi, int from, int end)
    {
        for (int k = lo; k <= hi; k++)
        {
            int s = free.FirstServerWithFree(pool.Pool, k, from);
            if (s >= 0 && s < end) return s;
        }
        return -1;
    }

    private static (int From, int End) Range(PoolInfo pool, int rack)
    {
        if (rack < 0) return (pool.FirstServer, pool.FirstServer + pool.ServerCount);
        int from = pool.FirstServer + (rack - pool.FirstRack) * pool.ServersPerRack;
        return (from, Math.Min(from + pool.ServersPerRack, pool.FirstServer + pool.ServerCount));
    }
}
