using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Placement;

/// <summary>
/// Placing a multi-server job inside a group of consecutive servers (a scale-up domain or a rack):
/// whole free servers for <c>chips / chipsPerServer</c>, and the remainder on the server of the group
/// left with the fewest free chips (a partly used one before a whole free one).
/// </summary>
internal static class ServerGroups
{
    /// <summary>True when servers [from, end) of the pool can hold the job that way.</summary>
    public static bool CanHold(IFreeCapacityView free, PoolInfo pool, int from, int end, int chips)
    {
        int cps = pool.ChipsPerServer, whole = chips / cps, rest = chips % cps, wholly = 0;
        bool partial = false;
        for (int s = from; s < end; s++)
        {
            int f = free.FreeChips(s);
            if (f == cps) wholly++;
            else if (rest > 0 && f >= rest) partial = true;
        }
        return wholly > whole || (wholly == whole && (rest == 0 || partial));
    }

    /// <summary>Free chips of servers [from, end).</summary>
    public static int FreeChips(IFreeCapacityView free, int from, int end)
    {
        int sum = 0;
        for (int s = from; s < end; s++) sum += free.FreeChips(s);
        return sum;
    }

    /// <summary>Writes the grants for a group that <see cref="CanHold"/> the job; returns how many.</summary>
    public static int Fill(IFreeCapacityView free, PoolInfo pool, int from, int end, int chips, Span<ChipGrant> chosen)
    {
        int cps = pool.ChipsPerServer, whole = chips / cps, rest = chips % cps, n = 0;
        int remainder = -1, remainderFree = int.MaxValue;
        for (int s = from; s < end; s++)
        {
            int f = free.FreeChips(s);
            if (rest > 0 && f >= rest && f < cps && f < remainderFree) (remainder, remainderFree) = (s, f);
        }
        for (int s = from; s < end && n < whole; s++)
            if (free.FreeChips(s) == cps) chosen[n++] = new ChipGrant(s, cps);
        if (rest > 0)
        {
            if (remainder < 0)
                for (int s = end - 1; s >= from && remainder < 0; s--)
                    if (free.FreeChips(s) == cps && !Taken(chosen[..n], s)) remainder = s;
            chosen[n++] = new ChipGrant(remainder, rest);
        }
        return n;
    }

    /// <summary>
    /// Across racks when no rack can hold the job: whole free servers from the racks with the most
    /// wholly free servers first (ties: lower rack), so the job spans as few racks as it can; the
    /// remainder on the server left with the fewest free chips among the racks used, else anywhere in the pool.
    /// </summary>
    public static int FillAcrossRacks(IFreeCapacityView free, PoolInfo pool, int chips, Span<ChipGrant> chosen)
    {
        int cps = pool.ChipsPerServer, whole = chips / cps, rest = chips % cps, n = 0;
        var racks = Enumerable.Range(pool.FirstRack, pool.RackCount)
            .OrderByDescending(free.WhollyFreeServersInRack).ThenBy(r => r).ToArray();
        int used = 0;
        foreach (int r in racks)
        {
            if (n == whole) break;
            var (from, end) = RackRange(pool, r);
            for (int s = from; s < end && n < whole; s++)
                if (free.FreeChips(s) == cps) chosen[n++] = new ChipGrant(s, cps);
            used++;
        }
        if (n < whole) return 0;
        if (rest == 0) return n;
        int best = -1, bestFree = int.MaxValue;
        for (int pass = 0; pass < 2 && best < 0; pass++)
        {
            var scope = pass == 0 ? racks.Take(Math.Max(used, 1)) : racks;
            foreach (int r in scope)
            {
                var (from, end) = RackRange(pool, r);
                for (int s = from; s < end; s++)
                {
                    int f = free.FreeChips(s);
                    if (f < rest || f >= bestFree || Taken(chosen[..n], s)) continue;
                    (best, bestFree) = (s, f);
                }
            }
        }
        if (best < 0) return 0;
        chosen[n++] = new ChipGrant(best, rest);
        return n;
    }

    public static (int From, int End) RackRange(PoolInfo pool, int rack)
    {
        int from = pool.FirstServer + (rack - pool.FirstRack) * pool.ServersPerRack;
        return (from, Math.Min(from + pool.ServersPerRack, pool.FirstServer + pool.ServerCount));
    }

    /// <summary>The group of servers [from, end) with the fewest free chips that can hold the job, over groups of <paramref name="size"/> servers; (-1, -1) if none.</summary>
    public static (int From, int End) TightestGroup(IFreeCapacityView free, PoolInfo pool, int size, int chips, Func<int, (int, int)>? rangeOf = null)
    {
        int count = (pool.ServerCount + size - 1) / size;
        (int, int) best = (-1, -1);
        int bestFree = int.MaxValue;
        for (int g = 0; g < count; g++)
        {
            var (from, end) = rangeOf?.Invoke(g) ?? (pool.FirstServer + g * size, Math.Min(pool.FirstServer + (g + 1) * size, pool.FirstServer + pool.ServerCount));
            int f = FreeChips(free, from, end);
            if (f < chips || f >= bestFree || !CanHold(free, pool, from, end, chips)) continue;
            (best, bestFree) = ((from, end), f);
        }
        return best;
    }

    /// <summary>Puts the job's CPU and memory on a grant; a placement without room for them is no placement.</summary>
    public static PlacementResult Finish(in PlacementRequest job, IFreeCapacityView free, int pool, int n, Span<ChipGrant> chosen)
        => n > 0 && HostResources.Attach(job, free, chosen[..n]) ? PlacementResult.Placed(pool, n) : PlacementResult.NotNow;

    private static bool Taken(ReadOnlySpan<ChipGrant> grants, int server)
    {
        foreach (var g in grants) if (g.Server == server) return true;
        return false;
    }
}
