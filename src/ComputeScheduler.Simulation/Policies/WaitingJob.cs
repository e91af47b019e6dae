using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Simulation.Policies;

/// <summary>
/// What a queue-order policy knows of a waiting job: when it joined the queue, its work, and its
/// full state as <see cref="ActiveJob"/>; the other members read that state.
/// </summary>
/// <param name="Enqueued">When the job joined the queue: its arrival, or the moment it was preempted.</param>
/// <param name="WorkReferenceChipSeconds">The job's work, chip-seconds on reference chips.</param>
/// <param name="Active">The job's state (slot, request, estimate, tenant, attained service).</param>
/// <param name="Throughput">Per pool, the job's throughput per chip relative to the reference chip (as in <see cref="PlacementRequest"/>); null when not given. Read-only.</param>
public readonly record struct WaitingJob(SimTime Enqueued, double WorkReferenceChipSeconds, ActiveJob Active, double[]? Throughput = null)
{
    /// <summary>The engine's handle of the job.</summary>
    public int Slot => Active.Slot;
    public JobId Id => Active.Id;
    public int Chips => Active.Chips;
    public int Priority => Active.Priority;

    /// <summary>The job's runtime as a scheduler would know it: its observed runtime when the trace gives one, else its work over its chips on reference chips.</summary>
    public double EstimatedRuntimeS => Active.EstimatedRuntimeS;
    public int Tenant => Active.Tenant;
    public double AttainedServiceChipS => Active.AttainedServiceChipS;
}
