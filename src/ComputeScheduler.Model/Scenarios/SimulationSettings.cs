using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Model.Scenarios;

/// <summary>Settings of the engine and of the national window protocol.</summary>
/// <param name="DispatchInterval">The dispatch interval L (<c>dispatchIntervalS</c> in YAML): the national dispatcher decides on state up to L old; the windows' lookahead.</param>
/// <param name="TimeseriesInterval">Simulated interval between time-series samples.</param>
public sealed record SimulationSettings(SimDuration DispatchInterval, SimDuration TimeseriesInterval)
{
    /// <summary>Costs a preempted job pays to resume (used only by preemptive queue orders).</summary>
    public PreemptionCosts Preemption { get; init; } = PreemptionCosts.Default;

    /// <summary>When the national dispatcher sends a job (<c>dispatchTiming</c> in YAML); <see cref="DispatchTiming.AtSubmit"/> by default.</summary>
    public DispatchTiming DispatchTiming { get; init; } = DispatchTiming.AtSubmit;
}

/// <summary>When the national dispatcher sends a job to a centre.</summary>
public enum DispatchTiming
{
    /// <summary>
    /// At the job's own submit time (<c>at-submit</c>), on the centres' reports of the last window boundary
    /// (state up to L old); it reaches the centre after the WAN latency from its demand region (and any data transfer).
    /// </summary>
    AtSubmit,

    /// <summary>
    /// In rounds every L (<c>rounds</c>): a job submitted in (t - L, t] is sent at t and reaches its centre then
    /// (later only when its data crosses the WAN); no request latency. A batch dispatcher.
    /// </summary>
    Rounds,
}
