namespace ComputeScheduler.Model.Scenarios;

/// <summary>
/// What a preempted job pays when it resumes: its checkpoint is written when it stops and read
/// when it starts again, and the framework restarts. The chips of the new run are held for
/// <see cref="ResumeSeconds"/> before the job makes progress again.
/// </summary>
/// <param name="CheckpointGbPerChip">Checkpoint size per chip the job holds, GB (model and optimiser state).</param>
/// <param name="CheckpointGbps">Bandwidth to and from checkpoint storage, Gbit/s.</param>
/// <param name="RestartOverheadS">Framework restart time (process launch, graph build, data loader warm-up), seconds.</param>
public sealed record PreemptionCosts(double CheckpointGbPerChip, double CheckpointGbps, double RestartOverheadS)
{
    /// <summary>
    /// Assumptions, not measurements: 2 GB of state per chip, a 10 Gbit/s storage link and a 30 s
    /// restart (Tiresias, NSDI'19, reports checkpoint-restart overheads of tens of seconds for its
    /// models; Gandiva, OSDI'18, suspend-resume of about a second to tens of seconds).
    /// </summary>
    public static readonly PreemptionCosts Default = new(2.0, 10.0, 30.0);

    public static readonly PreemptionCosts None = new(0, 1, 0);

    /// <summary>Seconds a job holding <paramref name="chips"/> chips loses on one preemption: checkpoint save + load + restart.</summary>
    public double ResumeSeconds(double chips) => RestartOverheadS + 2 * chips * CheckpointGbPerChip * 8 / CheckpointGbps;
}
