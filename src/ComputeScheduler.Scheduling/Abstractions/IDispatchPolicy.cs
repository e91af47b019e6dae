using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Abstractions;

/// <summary>
/// National dispatch: which centre gets a job. <paramref name="eligible"/> holds only centres
/// that honour the job's hard constraints (software stack, chip model, data residency, latency
/// limit, size), in scenario order, never empty. A policy may return <see cref="DispatchDecision.Wait"/>
/// to hold the job until the next window.
/// </summary>
public interface IDispatchPolicy : IPolicy
{
    DispatchDecision Dispatch(JobSpec job, ReadOnlySpan<CentreView> eligible);
}
