using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Simulation.Policies;

/// <summary>
/// National dispatch: which centre gets a job. <paramref name="eligible"/> holds only centres
/// that honour the job's hard constraints (software stack, chip model, data residency, latency
/// limit, size), in scenario order, never empty. A policy may return <see cref="DispatchDecision.Wait"/>
/// to hold the job until the next window; it is then asked again, with fresh reports, each window.
/// </summary>
public interface IDispatchPolicy : IPolicy
{
    DispatchDecision Dispatch(JobSpec job, ReadOnlySpan<CentreView> eligible);

    /// <summary>
    /// The form the national dispatcher calls, at the round's time <paramref name="now"/>. Policies that
    /// depend on the time of day (grid intensity by hour, deadlines) implement it; by default it is
    /// the time-free form.
    /// </summary>
    DispatchDecision Dispatch(SimTime now, JobSpec job, ReadOnlySpan<CentreView> eligible) => Dispatch(job, eligible);
}
