using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Placement;

/// <summary>
/// The Tiresias simulator's <c>yarn</c> placement (github.com/SymbioticLab/Tiresias, simulator/switch.py,
/// <c>ms_yarn_alloc_res</c>), in the first eligible pool (scenario order) that can hold the job now:
/// <list type="bullet">
/// <item>a job that fits one server goes to the lowest-index server with enough free chips (first fit,
/// as <c>first-fit</c> places it);</item>
/// <item>a larger job takes <c>chips / chipsPerServer</c> wholly free servers, lowest index first, and
/// the remainder on the lowest-index other server with that many free chips; without both it waits
/// (all or nothing). The simulator's CPU and memory checks are left out (its specs never make them bind).</item>
/// </list>
/// A job that shares a chip goes to the first chip (pool, server, chip order) with enough free thousandths.
/// </summary>
public sealed class YarnPlacement : IPlacementPolicy
{
    public const string PolicyName = "yarn";

    private readonly FirstFitPlacement _singleServer = new();

    public string Name => PolicyName;

    public PlacementResult Place(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen)
    {
        if (job.IsShared || job.Chips == 0) return _singleServer.Place(job, free, chosen);
        for (int p = 0; p < free.PoolCount; p++)
        {
            if (!job.IsEligible(p) || free.FreeChipsInPool(p) < job.Chips) continue;
            var pool = free.Pool(p);
            int cps = pool.ChipsPerServer;
            if (job.Chips <= cps)
            {
                var one = _singleServer.Place(job with { EligiblePools = 1UL << p }, free, chosen);
                if (one.IsPlaced) return one;
                continue;
            }
            int whole = job.Chips / cps, rest = job.Chips % cps, n = 0;
            int end = pool.FirstServer + pool.ServerCount;
            for (int s = pool.FirstServer; s < end && n < whole; s++)
            {
                if (free.FreeChips(s) != cps) continue;
                chosen[n++] = new ChipGrant(s, cps);
            }
            if (n < whole) continue;
            if (rest > 0)
            {
                int remainder = -1;
                for (int s = pool.FirstServer; s < end && remainder < 0; s++)
                    if (free.FreeChips(s) >= rest && !Taken(chosen[..n], s)) remainder = s;
                if (remainder < 0) continue;
                chosen[n++] = new ChipGrant(remainder, rest);
            }
            if (!HostResources.Attach(job, free, chosen[..n])) continue;
            return PlacementResult.Placed(p, n);
        }
        return PlacementResult.NotNow;
    }

    private static bool Taken(ReadOnlySpan<ChipGrant> grants, int server)
    {
        foreach (var g in grants)
            if (g.Server == server) return true;
        return false;
    }
}
