using ComputeScheduler.Model.Time;
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
public sealed class TiresiasLasQueueOrder(ServiceQueues queues) : IPreemptiveQueueOrder
{
    public const string PolicyName = "2d-las";

    private readonly SortedWaitingSet _waiting = new();

    public TiresiasLasQueueOrder() : this(ServiceQueues.TiresiasDefault) { }

    public string Name => PolicyName;
    public bool StopsAtFirstBlocked => false;
    public int Count => _waiting.Count;

    public void Add(in WaitingJob job) => _waiting.Add(job, queues.QueueOf(job.AttainedServiceChipS), job.Enqueued.Microseconds);

    public void Remove(int slot) => _waiting.Remove(slot);

    public int Candidates(in QueueContext context, Span<int> bestFirstSlots) => _waiting.Candidates(bestFirstSlots);

    public double PreemptionRank(in ActiveJob job, SimTime now) => queues.QueueOf(job.AttainedServiceChipS);

    public bool ShouldPreempt(in ActiveJob candidate, in ActiveJob running, SimTime now)
        => queues.QueueOf(running.AttainedServiceChipS) > queues.QueueOf(candidate.AttainedServiceChipS);

    public SimTime NextRankChange(in ActiveJob running, SimTime now) => queues.NextDemotion(running, now);
}
