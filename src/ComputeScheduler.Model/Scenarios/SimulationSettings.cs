using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Model.Scenarios;

/// <summary>Settings of the engine and of the national window protocol.</summary>
/// <param name="DispatchInterval">The dispatch interval L (<c>dispatchIntervalS</c> in YAML): the national dispatcher acts every L and sees state up to L old; the windows' lookahead.</param>
/// <param name="TimeseriesInterval">Simulated interval between time-series samples.</param>
public sealed record SimulationSettings(SimDuration DispatchInterval, SimDuration TimeseriesInterval)
{
    /// <summary>Costs a preempted job pays to resume (used only by preemptive queue orders).</summary>
    public PreemptionCosts Preemption { get; init; } = PreemptionCosts.Default;
}
