using System.Collections.Immutable;

namespace ComputeScheduler.Simulation.Results;

/// <summary>
/// What a centre produced while advancing over one window: one batch, never one message per job.
/// From an engine, its <see cref="Outcomes"/> are lent until the engine's next window (<see cref="Detach"/>).
/// </summary>
public sealed record WindowOutput(
    CentreReport Report,
    JobOutcomes Outcomes,
    ImmutableArray<TimeseriesSample> Samples)
{
    /// <summary>This output with outcomes of its own, to keep past the engine's next window or to send to another actor.</summary>
    public WindowOutput Detach() => Outcomes.IsLent ? this with { Outcomes = Outcomes.Detach() } : this;
}
