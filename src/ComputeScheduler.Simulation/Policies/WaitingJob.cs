using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Simulation.Policies;

/// <summary>What a queue-order policy knows of a waiting job. <see cref="Slot"/> is the engine's handle.</summary>
/// <param name="Enqueued">When the job joined the queue: its arrival, or the moment it was preempted.</param>
/// <param name="EstimatedRuntimeS">The job's runtime as a scheduler would know it: its observed runtime when the trace gives one, else its work over its chips on reference chips.</param>
/// <param name="Active">The job's full state (tenant, request, attained service); default for callers that build a bare waiting job.</param>
public readonly record struct WaitingJob(int Slot, JobId Id, SimTime Enqueued, int Chips, int Priority, double WorkReferenceChipSeconds, double EstimatedRuntimeS = 0, ActiveJob Active = default)
{
    public int Tenant => Active.Tenant;
    public double AttainedServiceChipS => Active.AttainedServiceChipS;
}
