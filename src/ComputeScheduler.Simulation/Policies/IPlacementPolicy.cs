using ComputeScheduler.Simulation.Capacity;

namespace ComputeScheduler.Simulation.Policies;

/// <summary>
/// Chooses chips for a job in one centre. Writes (server, chips) grants into the caller's buffer
/// (at least <c>job.Chips</c> long) and returns the pool; all grants lie in that pool and add up to
/// exactly <c>job.Chips</c>. A job that shares a chip (<see cref="PlacementRequest.IsShared"/>) gets one
/// <see cref="ChipGrant.Shared"/> grant of its thousandths on one chip with that much free. The job's
/// CPU and memory (<see cref="PlacementRequest.NeedsHostResources"/>) go with one grant, on a server
/// with that much free; a job of 0 chips (CPU-only) gets one grant of 0 chips. Returns <see cref="PlacementResult.NotNow"/> when the job does not fit
/// now. Should not keep state between calls that changes its answers for the same view, except
/// seeded state that keeps runs deterministic (a tie-breaking random stream, a target workload learned
/// from the requests seen, as FGD's); the engine may call it for a dry run (preemption) without placing.
/// </summary>
public interface IPlacementPolicy : IPolicy
{
    PlacementResult Place(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen);
}
