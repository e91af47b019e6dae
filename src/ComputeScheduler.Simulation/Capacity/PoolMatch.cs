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
/// job names none), or the scenario has a porting rule from the job's stack to the pool's; and each
/// chip holds the memory the job's class needs per chip (<see cref="JobClass.MemoryPerChipGb"/>).
/// </summary>
public static class PoolMatch
{
    public static PoolFit Of(JobSpec job, string chipModel, string softwareStack, double chipMemoryGb, PerformanceSettings? performance)
    {
        var fit = ModelAndStack(job, chipModel, softwareStack, performance);
        return fit != PoolFit.None && !Holds(job, chipMemoryGb, performance) ? PoolFit.None : fit;
    }

    /// <summary>True when a chip of <paramref name="chipMemoryGb"/> GB holds what the job's class needs per chip.</summary>
    public static bool Holds(JobSpec job, double chipMemoryGb, PerformanceSettings? performance)
        => performance is null || Holds(performance.MemoryPerChipGb(job.JobClass), chipMemoryGb);

    /// <summary>True when a chip of <paramref name="chipMemoryGb"/> GB holds <paramref name="needGb"/> GB (0: nothing asked).</summary>
    public static bool Holds(double needGb, double chipMemoryGb) => needGb <= chipMemoryGb;

    /// <summary>The start of a refusal for memory, the same from the engine and the dispatcher: "needs N GB of memory per chip (job class 'c'), more than ".</summary>
    public static string MemoryShort(double needGb, string jobClass)
        => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"needs {needGb:0.###} GB of memory per chip (job class '{jobClass}'), more than ");

    /// <summary>The rule without memory: chip model and software stack (or a porting rule) only. Callers explaining a refusal use it with <see cref="Holds"/>.</summary>
    public static PoolFit ModelAndStack(JobSpec job, string chipModel, string softwareStack, PerformanceSettings? performance)
    {
        if (!job.AllowsChip(chipModel)) return PoolFit.None;
        if (job.SoftwareStack is null || string.Equals(job.SoftwareStack, softwareStack, StringComparison.Ordinal)) return PoolFit.Native;
        return performance?.PortingFrom(job.SoftwareStack, softwareStack) is null ? PoolFit.None : PoolFit.Ported;
    }
}
