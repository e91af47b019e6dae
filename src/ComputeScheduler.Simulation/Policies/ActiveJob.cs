using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Simulation.Policies;

/// <summary>
/// What a queue-order policy may know of a job in the centre, waiting or running: its request,
/// its estimate and the service it has had so far (over all its runs, when it was preempted).
/// </summary>
/// <param name="Slot">The engine's handle of the job (the same as in <see cref="WaitingJob"/>).</param>
/// <param name="Arrival">When the job first reached the centre.</param>
/// <param name="EstimatedRuntimeS">The whole job's runtime as a scheduler would know it (see <see cref="WaitingJob"/>).</param>
/// <param name="AttainedServiceChipS">Chip-seconds the job has run so far (Tiresias' 2D attained service), including the current run.</param>
/// <param name="ExecutedS">Seconds the job has run so far, including the current run.</param>
/// <param name="RemainingFraction">Share of the job's work not yet done, 1 before its first start.</param>
/// <param name="IsRunning">True for a running job; <paramref name="Pool"/> and <paramref name="Started"/> hold its current run.</param>
/// <param name="Pool">The pool the job runs in, or -1.</param>
/// <param name="Started">When the current run started (running jobs), else <see cref="SimTime.Zero"/>.</param>
public readonly record struct ActiveJob(
    int Slot,
    JobId Id,
    int Tenant,
    int Chips,
    int ChipMilli,
    long CpuMilli,
    long MemoryMib,
    int Priority,
    ulong EligiblePools,
    SimTime Arrival,
    double EstimatedRuntimeS,
    double AttainedServiceChipS,
    double ExecutedS,
    double RemainingFraction,
    bool IsRunning,
    int Pool,
    SimTime Started)
{
    /// <summary>Estimated seconds of work left: the estimate times the share not yet done.</summary>
    public double RemainingEstimateS => EstimatedRuntimeS * RemainingFraction;

    /// <summary>The job's estimated service, chip-seconds (chips x estimated runtime).</summary>
    public double EstimatedServiceChipS => Math.Max(Chips, 0) * (ChipMilli / 1000d) * EstimatedRuntimeS;

    public bool IsEligible(int pool) => (EligiblePools & (1UL << pool)) != 0;
}
