using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.QueueOrder;

/// <summary>
/// What Tiresias' 2D-LAS and 2D-Gittins share: jobs in <see cref="ServiceQueues"/> by attained
/// chip-seconds, queues served in order, fit-first (a job that does not fit is skipped), and a
/// waiting job preempts running jobs of a lower queue; the engine reviews the queue when a running
/// job is demoted. Within a queue the order is the subclass's <see cref="WithinQueueKey"/>, then FIFO.
/// </summary>
public abstract class DiscretisedServiceQueueOrder(ServiceQueues queues) : IPreemptiveQueueOrder
{
    private readonly SortedWaitingSet _waiting = new();

    public abstract string Name { get; }
    public bool StopsAtFirstBlocked => false;
    public int Count => _waiting.Count;

    /// <summary>Lower goes first within a queue.</summary>
    protected abstract double WithinQueueKey(in WaitingJob job);

    public void Add(in WaitingJob job) => _waiting.Add(job, queues.QueueOf(job.AttainedServiceChipS), WithinQueueKey(job));

    public void Remove(int slot) => _waiting.Remove(slot);

    public int Candidates(in QueueContext context, Span<int> bestFirstSlots) => _waiting.Candidates(bestFirstSlots);

    public double PreemptionRank(in ActiveJob job, SimTime now) => queues.QueueOf(job.AttainedServiceChipS);

    public bool ShouldPreempt(in ActiveJob candidate, in ActiveJob running, SimTime now)
        => queues.QueueOf(running.AttainedServiceChipS) > queues.QueueOf(candidate.AttainedServiceChipS);

    public SimTime NextRankChange(in ActiveJob running, SimTime now) => queues.NextDemotion(running, now);
}
