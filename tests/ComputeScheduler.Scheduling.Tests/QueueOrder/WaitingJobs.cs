using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Tests.QueueOrder;

internal static class WaitingJobs
{
    /// <summary>A waiting job of one tenant, never run, whose state carries the slot, chips and estimate given (eligible for no pool).</summary>
    public static WaitingJob Of(int slot, SimTime enqueued, int chips = 1, double work = 1, double estimateS = 0)
        => new(enqueued, work, new ActiveJob(slot, new JobId(slot), 0, chips, 1000, 0, 0, 0, 0, enqueued, estimateS, 0, 0, 1, false, -1, SimTime.Zero));
}
