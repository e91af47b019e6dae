using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Dispatch;

/// <summary>
/// Round robin: centres in turn, whatever their load. Each job goes to the first eligible centre at
/// or after the one after the last centre chosen (in scenario order, wrapping round). One instance
/// serves one run, so the turn is deterministic.
/// </summary>
public sealed class RoundRobinDispatch : IDispatchPolicy
{
    public const string PolicyName = "round-robin";

    private int _next;

    public string Name => PolicyName;

    public DispatchDecision Dispatch(JobSpec job, ReadOnlySpan<CentreView> eligible)
    {
        int pick = 0;
        for (int i = 0; i < eligible.Length; i++)
            if (eligible[i].Centre.Value >= _next) { pick = i; break; }
        _next = eligible[pick].Centre.Value + 1;
        return DispatchDecision.To(eligible[pick].Centre);
    }
}
