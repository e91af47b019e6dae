using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Dispatch;

/// <summary>
/// Least loaded: the eligible centre whose matching pools are least committed, where
/// load = (busy chips + queued chips) / chips of the pools the job can use.
/// Ties go to the earlier centre in scenario order.
/// </summary>
public sealed class LeastLoadedDispatch : IDispatchPolicy
{
    public const string PolicyName = "least-loaded";

    public string Name => PolicyName;

    public DispatchDecision Dispatch(JobSpec job, ReadOnlySpan<CentreView> eligible)
    {
        int best = 0;
        double bestLoad = Load(eligible[0]);
        for (int i = 1; i < eligible.Length; i++)
        {
            double load = Load(eligible[i]);
            if (load < bestLoad) { best = i; bestLoad = load; }
        }
        return DispatchDecision.To(eligible[best].Centre);
    }

    public static double Load(in CentreView c)
        => (c.EligibleTotalChips - c.EligibleFreeChips + (double)c.QueuedChips) / c.EligibleTotalChips;
}
