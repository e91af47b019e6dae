using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Dispatch;

/// <summary>
/// Latency aware: an inference job that names a demand region goes to the eligible centre nearest
/// to it (lowest one-way latency) among those with room for it now (free matching chips, less what is
/// queued and sent, at least its chips); ties go to the less loaded, then the earlier centre. Centres
/// beyond the job's latency limit are never eligible (the dispatcher's hard filter). When no eligible
/// centre has room, and for every other job (training, batch, inference without a demand region),
/// the least-loaded eligible centre.
/// </summary>
public sealed class LatencyAwareDispatch : IDispatchPolicy
{
    public const string PolicyName = "latency-aware";

    private static readonly LeastLoadedDispatch Fallback = new();

    public string Name => PolicyName;

    public DispatchDecision Dispatch(JobSpec job, ReadOnlySpan<CentreView> eligible)
    {
        if (job.Kind == JobKind.Inference && job.DemandRegion is not null)
        {
            int best = -1;
            double bestLatency = double.MaxValue, bestLoad = double.MaxValue;
            for (int i = 0; i < eligible.Length; i++)
            {
                var c = eligible[i];
                if (!c.HasRoomFor(job.Chips)) continue;
                double load = LeastLoadedDispatch.Load(c);
                if (c.LatencyMsToDemand < bestLatency || (c.LatencyMsToDemand == bestLatency && load < bestLoad))
                    (best, bestLatency, bestLoad) = (i, c.LatencyMsToDemand, load);
            }
            if (best >= 0) return DispatchDecision.To(eligible[best].Centre);
        }
        return Fallback.Dispatch(job, eligible);
    }
}
