using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.QueueOrder;

/// <summary>
/// Tiresias' discretised two-dimensional least-attained-service (2D-LAS, NSDI'19): jobs are in
/// <see cref="ServiceQueues"/> by attained chip-seconds; queues are served in order, FIFO within a
/// queue (by when the job joined the queue: a preempted job goes to the back), and a job that does
/// not fit is skipped (fit-first), as in the Tiresias simulator's <c>dlas-gpu</c>. A waiting job
/// preempts running jobs of a lower queue (more service) when it does not fit; the engine reviews
/// the queue when a running job is demoted. Preempted jobs pay the scenario's checkpoint/restart cost.
/// Starvation promotion (Tiresias' PROMOTE knob) is off, as in the simulator's default.
/// </summary>
public sealed class TiresiasLasQueueOrder(ServiceQueues queues) : DiscretisedServiceQueueOrder(queues)
{
    public const string PolicyName = "2d-las";

    public TiresiasLasQueueOrder() : this(ServiceQueues.TiresiasDefault) { }

    public override string Name => PolicyName;

    protected override double WithinQueueKey(in WaitingJob job) => job.Enqueued.Microseconds;
}
