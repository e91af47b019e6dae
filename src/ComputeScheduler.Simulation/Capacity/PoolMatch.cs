using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Performance;

namespace ComputeScheduler.Simulation.Capacity;

/// <summary>How a pool can take a job: not at all, natively, or after porting the job's code to the pool's stack.</summary>
public enum PoolFit
{
    None,
    Native,
    Ported,
}

/// <summary>
/// The one rule of which pools can take a job, for the national dispatcher and the centre's engine
/// alike: the pool's chip model is one the job allows, and its software stack is the job's (or the
/// job names none), or the scenario has a porting rule from the job's stack to the pool's.
/// </summary>
public static class PoolMatch
{
    public static PoolFit Of(JobSpec job, string chipModel, string softwareStack, PerformanceSettings? performance)
    {
        if (!job.AllowsChip(chipModel)) return PoolFit.None;
        if (job.SoftwareStack is null || string.Equals(job.SoftwareStack, softwareStack, StringComparison.Ordinal)) return PoolFit.Native;
        return performance?.PortingFrom(job.SoftwareStack, softwareStack) is null ? PoolFit.None : PoolFit.Ported;
    }
}
