using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Samples.ExternalPolicy;

/// <summary>
/// A sample placement plug-in, "last fit": the mirror image of first fit. A job goes to the
/// highest-index server (of the last eligible pool) with room, so a centre fills from its far end.
/// A job of several servers takes the highest-index wholly free servers and puts the remainder on
/// the highest-index server with room left. A job sharing a chip takes the highest-index chip with
/// enough thousandths free. The simulator registers it as "sample-last-fit" when loaded with
/// <c>--plugin</c>.
/// </summary>
public sealed class LastFitPlacement : IPlacementPolicy
{
    public string Name => "sample-last-fit";

    public PlacementResult Place(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen)
    {
        for (int p = free.PoolCount - 1; p >= 0; p--)
        {
            if (!job.IsEligible(p)) continue;
            var pool = free.Pool(p);
            int n = job.IsShared ? PlaceShared(job, free, pool, chosen) : PlaceWhole(job, free, pool, chosen);
            if (n > 0) return PlacementResult.Placed(p, n);
        }
        return PlacementResult.NotNow;
    }

    private static int PlaceWhole(in PlacementRequest job, IFreeCapacityView free, PoolInfo pool, Span<ChipGrant> chosen)
    {
        int cps = pool.ChipsPerServer, n = 0, left = job.Chips;
        bool host = !job.NeedsHostResources;
        for (int s = pool.FirstServer + pool.ServerCount - 1; s >= pool.FirstServer && (left > 0 || !host); s--)
        {
            bool hasHostRoom = free.HasHostRoom(s, job.CpuMilli, job.MemoryMib);
            int take = left >= cps ? (free.FreeChips(s) == cps ? cps : 0) : (free.FreeChips(s) >= left ? left : 0);
            if (job.Chips == 0 && hasHostRoom) take = 0; // a CPU-only job: one grant of no chips
            else if (take == 0) continue;
            if (!host && !hasHostRoom) continue;
            var grant = new ChipGrant(s, take);
            if (!host) { grant = grant.WithHostResources(job.CpuMilli, job.MemoryMib); host = true; }
            chosen[n++] = grant;
            left -= take;
            if (job.Chips == 0) break;
        }
        return left == 0 && host ? n : 0;
    }

    private static int PlaceShared(in PlacementRequest job, IFreeCapacityView free, PoolInfo pool, Span<ChipGrant> chosen)
    {
        for (int s = pool.FirstServer + pool.ServerCount - 1; s >= pool.FirstServer; s--)
        {
            if (!free.HasHostRoom(s, job.CpuMilli, job.MemoryMib)) continue;
            for (int c = pool.ChipsPerServer - 1; c >= 0; c--)
            {
                if (free.FreeMilli(s, c) < job.Milli) continue;
                chosen[0] = ChipGrant.Shared(s, c, job.Milli).WithHostResources(job.CpuMilli, job.MemoryMib);
                return 1;
            }
        }
        return 0;
    }
}
