using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Simulation.Policies;

/// <summary>
/// A queue order that may take chips back from running jobs. The decision is the policy's: when
/// a waiting candidate does not fit, the engine asks <see cref="ShouldPreempt"/> of the running
/// jobs in the candidate's pools and preempts those the policy gives up, worst
/// <see cref="PreemptionRank"/> first, until the candidate fits (or none is left). A preempted job is
/// checkpointed and queued again with its attained service; it pays the scenario's checkpoint and
/// restart costs when it resumes, and counts as migrated when it resumes on other servers.
/// </summary>
public interface IPreemptiveQueueOrder : IQueueOrderPolicy
{
    /// <summary>Lower is more important. Used to order victims (highest rank first).</summary>
    double PreemptionRank(in ActiveJob job, SimTime now);

    /// <summary>True when <paramref name="running"/> must give way to <paramref name="candidate"/>.</summary>
    bool ShouldPreempt(in ActiveJob candidate, in ActiveJob running, SimTime now);

    /// <summary>
    /// The next time the rank of <paramref name="running"/> changes by the passage of time alone (e.g.
    /// it crosses a service threshold), so the engine reviews the queue then; <see cref="SimTime.MaxValue"/> for never.
    /// </summary>
    SimTime NextRankChange(in ActiveJob running, SimTime now);
}
