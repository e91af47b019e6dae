using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.QueueOrder;

/// <summary>
/// Tiresias' discretised 2D-Gittins (NSDI'19): the same <see cref="ServiceQueues"/> and preemption
/// between queues as <see cref="TiresiasLasQueueOrder"/>, but within a queue jobs go in order of
/// their Gittins index (highest first, then FIFO) over the distribution of job service
/// (chips x estimated runtime) of the jobs that reached the centre so far; the index is taken when
/// the job joins the queue. Fit-first (a job that does not fit is skipped).
/// </summary>
public sealed class TiresiasGittinsQueueOrder(ServiceQueues queues) : DiscretisedServiceQueueOrder(queues)
{
    public const string PolicyName = "gittins";

    private readonly GittinsIndex _index = new();

    public TiresiasGittinsQueueOrder() : this(ServiceQueues.TiresiasDefault) { }

    public override string Name => PolicyName;

    protected override double WithinQueueKey(in WaitingJob job)
    {
        if (job.Active.ExecutedS == 0 && job.Active.RemainingFraction >= 1) _index.Observe(job.Active.EstimatedServiceChipS);
        return -_index.Of(job.AttainedServiceChipS);
    }
}
