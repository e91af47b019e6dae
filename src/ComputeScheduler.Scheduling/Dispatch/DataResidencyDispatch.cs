using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Dispatch;

/// <summary>
/// Data residency: keeps jobs in the region of their data. Restricted data never leaves its region
/// (the dispatcher's hard filter, whatever the policy). In addition, a job whose data has a home
/// region (<see cref="JobSpec.DataRegion"/>) goes to the least-loaded centre of that region that has
/// room for it now (free matching chips, less what is queued and sent, at least its chips); when no
/// centre there has room, or the job names no region, to the least-loaded eligible centre anywhere
/// (for restricted data that is still inside its region). Ties go to the earlier centre.
/// </summary>
public sealed class DataResidencyDispatch : IDispatchPolicy
{
    public const string PolicyName = "data-residency";

    private static readonly LeastLoadedDispatch Fallback = new();

    public string Name => PolicyName;

    public DispatchDecision Dispatch(JobSpec job, ReadOnlySpan<CentreView> eligible)
    {
        if (job.DataRegion is { } home)
        {
            int best = -1;
            double bestLoad = double.MaxValue;
            for (int i = 0; i < eligible.Length; i++)
            {
                var c = eligible[i];
                if (!string.Equals(c.Region, home, StringComparison.Ordinal) || !c.HasRoomFor(job.Chips)) continue;
                double load = LeastLoadedDispatch.Load(c);
                if (load < bestLoad) (best, bestLoad) = (i, load);
            }
            if (best >= 0) return DispatchDecision.To(eligible[best].Centre);
        }
        return Fallback.Dispatch(job, eligible);
    }
}
