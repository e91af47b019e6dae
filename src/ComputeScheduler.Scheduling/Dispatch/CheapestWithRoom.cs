using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Dispatch;

/// <summary>
/// The rule shared by price- and carbon-aware dispatch: among eligible centres with room for the job
/// now (free matching chips, less what is queued, at least its chips), the lowest cost per unit of
/// IT energy; ties go to the less loaded, then the earlier centre. When no centre has room, the
/// least-loaded one, so that a cheap centre is not flooded.
/// </summary>
internal static class CheapestWithRoom
{
    public static DispatchDecision Pick(JobSpec job, ReadOnlySpan<CentreView> eligible, Func<CentreView, double> costPerItKwh)
    {
        int best = -1;
        double bestCost = double.MaxValue, bestLoad = double.MaxValue;
        for (int i = 0; i < eligible.Length; i++)
        {
            var c = eligible[i];
            if (c.EligibleFreeChips - c.QueuedChips < job.Chips) continue;
            double cost = costPerItKwh(c), load = LeastLoadedDispatch.Load(c);
            if (cost < bestCost || (cost == bestCost && load < bestLoad)) (best, bestCost, bestLoad) = (i, cost, load);
        }
        return best >= 0 ? DispatchDecision.To(eligible[best].Centre) : new LeastLoadedDispatch().Dispatch(job, eligible);
    }
}
