using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Dispatch;

/// <summary>
/// Shortest expected wait: the eligible centre where the job is expected to start soonest, by the
/// estimate of <see cref="WaitEstimator"/> (queued chips ahead and the job's own chips against the
/// free chips of its matching pools, drained by the busy ones at the centre's typical runtime).
/// Ties (notably every centre with room now: wait 0) go to the less loaded, then the earlier centre.
/// </summary>
public sealed class ShortestExpectedWaitDispatch : IDispatchPolicy
{
    public const string PolicyName = "shortest-expected-wait";

    private readonly WaitEstimator _wait = new();

    public string Name => PolicyName;

    public DispatchDecision Dispatch(JobSpec job, ReadOnlySpan<CentreView> eligible)
    {
        int best = 0;
        double bestWait = double.MaxValue, bestLoad = double.MaxValue;
        for (int i = 0; i < eligible.Length; i++)
        {
            double wait = _wait.Seconds(job, eligible[i]), load = LeastLoadedDispatch.Load(eligible[i]);
            if (wait < bestWait || (wait == bestWait && load < bestLoad)) (best, bestWait, bestLoad) = (i, wait, load);
        }
        _wait.Sent(job, eligible[best].Centre.Value);
        return DispatchDecision.To(eligible[best].Centre);
    }
}
