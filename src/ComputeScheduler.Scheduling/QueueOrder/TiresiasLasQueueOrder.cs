using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.QueueOrder;

/// <summary>
/// Tiresias' discretised two-dimensional least-attained-service (2D-LAS, NSDI'19): jobs are in
/// <see cref="ServiceQueues"/> by attained chip-seconds; queues are served in order, FIFO within a
/// queue, and a job that does not fit is skipped (fit-first), as in the Tiresias simulator's <c>dlas-gpu</c>.
/// A waiting job preempts running jobs of a lower queue when it does not fit; the engine reviews
/// the queue when a running job is demoted. Where a preempted job rejoins its queue, and whether a
/// job demoted at this instant yields to the jobs waiting in its new queue, is
/// <see cref="TiresiasSettings.Preempted"/> (the simulator's by default: <see cref="DiscretisedServiceQueueOrder.FifoKey"/>).
/// Preempted jobs pay the scenario's checkpoint/restart cost. Starvation promotion (Tiresias'
/// PROMOTE knob) is off, as in the simulator's default.
/// </summary>
public sealed class TiresiasLasQueueOrder(TiresiasSettings settings) : DiscretisedServiceQueueOrder(settings)
{
    public const string PolicyName = "2d-las";

    public TiresiasLasQueueOrder() : this(TiresiasSettings.Default) { }

    public override string Name => PolicyName;

    protected override double WithinQueueKey(in WaitingJob job) => FifoKey(job);
}
