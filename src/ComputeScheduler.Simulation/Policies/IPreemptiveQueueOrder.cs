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

    /// <summary>
    /// True for a policy that stops running jobs of its own accord (a round-based policy whose new round
    /// does not keep a job where it runs): the engine then asks <see cref="ShouldYield"/> of every running
    /// job at the start of each pass. False by default, and the engine never asks.
    /// </summary>
    bool ReviewsRunningJobs => false;

    /// <summary>
    /// True when <paramref name="running"/> must stop now, though no waiting job asked for its chips: it is
    /// preempted (checkpointed and queued again) before the pass starts waiting jobs. Asked only when
    /// <see cref="ReviewsRunningJobs"/> is true, and never of a job (re)started at this very instant.
    /// </summary>
    bool ShouldYield(in ActiveJob running, SimTime now) => false;
}
