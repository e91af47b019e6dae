using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.QueueOrder;

/// <summary>
/// Tiresias' discretised 2D-Gittins (NSDI'19): the same <see cref="ServiceQueues"/> and preemption
/// between queues as <see cref="TiresiasLasQueueOrder"/>, but within a queue jobs go in order of
/// their Gittins index (highest first, then FIFO) over the distribution of job service
/// (chips x estimated runtime) of the jobs that reached the centre so far; the index is taken when
/// the job joins the queue. Fit-first (a job that does not fit is skipped).
/// </summary>
public sealed class TiresiasGittinsQueueOrder(ServiceQueues queues) : IPreemptiveQueueOrder
{
    public const string PolicyName = "gittins";

    private readonly SortedWaitingSet _waiting = new();
    private readonly GittinsIndex _index = new();

    public TiresiasGittinsQueueOrder() : this(ServiceQueues.TiresiasDefault) { }

    public string Name => PolicyName;
    public bool StopsAtFirstBlocked => false;
    public int Count => _waiting.Count;

    public void Add(in WaitingJob job)
    {
        if (job.Active.ExecutedS == 0 && job.Active.RemainingFraction >= 1) _index.Observe(job.Active.EstimatedServiceChipS);
        _waiting.Add(job, queues.QueueOf(job.AttainedServiceChipS), -_index.Of(job.AttainedServiceChipS));
    }

    public void Remove(int slot) => _waiting.Remove(slot);

    public int Candidates(in QueueContext context, Span<int> bestFirstSlots) => _waiting.Candidates(bestFirstSlots);

    public double PreemptionRank(in ActiveJob job, SimTime now) => queues.QueueOf(job.AttainedServiceChipS);

    public bool ShouldPreempt(in ActiveJob candidate, in ActiveJob running, SimTime now)
        => queues.QueueOf(running.AttainedServiceChipS) > queues.QueueOf(candidate.AttainedServiceChipS);

    public SimTime NextRankChange(in ActiveJob running, SimTime now) => queues.NextDemotion(running, now);
}
