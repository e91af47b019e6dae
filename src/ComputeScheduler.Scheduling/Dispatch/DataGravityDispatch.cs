using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Dispatch;

/// <summary>
/// Data gravity: the eligible centre where the job can start soonest counting the move of its data,
/// i.e. the least WAN transfer time (0 where the data is; else latency + size / link bandwidth, which
/// the dispatcher adds to the job's arrival) + expected wait (<see cref="WaitEstimator"/>). Ties go to
/// the centre holding the data, then the less loaded, then the earlier. So the job stays with its
/// data unless moving it and waiting elsewhere beats waiting at home. A job that names only a data
/// region (no data centre) pays no transfer: the centres of that region win ties.
/// </summary>
public sealed class DataGravityDispatch : IDispatchPolicy
{
    public const string PolicyName = "data-gravity";

    private readonly WaitEstimator _wait = new();

    public string Name => PolicyName;

    public DispatchDecision Dispatch(JobSpec job, ReadOnlySpan<CentreView> eligible)
    {
        int best = 0;
        double bestStart = double.MaxValue, bestLoad = double.MaxValue;
        bool bestHolds = false;
        for (int i = 0; i < eligible.Length; i++)
        {
            var c = eligible[i];
            double start = c.TransferS + _wait.Seconds(job, c), load = LeastLoadedDispatch.Load(c);
            bool better = start < bestStart
                || (start == bestStart && c.HoldsData && !bestHolds)
                || (start == bestStart && c.HoldsData == bestHolds && load < bestLoad);
            if (better) (best, bestStart, bestLoad, bestHolds) = (i, start, load, c.HoldsData);
        }
        _wait.Sent(job, eligible[best].Centre.Value);
        return DispatchDecision.To(eligible[best].Centre);
    }
}
