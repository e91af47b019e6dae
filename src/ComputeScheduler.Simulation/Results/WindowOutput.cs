using System.Collections.Immutable;

namespace ComputeScheduler.Simulation.Results;

/// <summary>What a centre produced while advancing over one window: one batch, never one message per job.</summary>
public sealed record WindowOutput(
    CentreReport Report,
    ImmutableArray<JobOutcome> Outcomes,
    ImmutableArray<TimeseriesSample> Samples);
