using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.QueueOrder;

/// <summary>What backfilling needs of a waiting job: its whole-chip need, estimated duration and pools.</summary>
internal static class BackfillJobs
{
    /// <summary>Whole chips the job holds in the accounting: a chip-sharing job counts as one chip.</summary>
    public static int Chips(in WaitingJob job) => Math.Max(job.Chips, job.Active.ChipMilli is > 0 and < 1000 ? 1 : 0);

    public static bool IsEligible(in WaitingJob job, int pool) => job.Active.EligiblePools == 0 || job.Active.IsEligible(pool);

    public static double DurationS(in WaitingJob job) => job.Active.RemainingFraction > 0 ? job.Active.RemainingEstimateS : job.EstimatedRuntimeS;
}
