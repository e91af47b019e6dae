using System.Collections.Immutable;
using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Simulation.National;

/// <summary>Messages to and from a centre actor: one per centre per window, each carrying a batch.</summary>
public interface ICentreMessage
{
    CentreId Centre { get; }
}

/// <summary>A job handed to a centre, reaching it at <see cref="At"/>.</summary>
public readonly record struct JobArrival(JobSpec Job, SimTime At)
{
    /// <summary>When the dispatcher sent it: its submit time (at-submit timing, and an addressed job), else a round's time.</summary>
    public SimTime Dispatched { get; init; } = At;

    /// <summary>The dispatcher's first decision on it: <see cref="Dispatched"/> unless the policy held it.</summary>
    public SimTime FirstRound { get; init; } = At;
}

/// <summary>Asks a centre for its state before the first window.</summary>
public sealed record ReportState(CentreId Centre) : ICentreMessage;

/// <summary>Hands a centre its arrivals and lets it run every event before <see cref="Horizon"/>.</summary>
public sealed record AdvanceTo(CentreId Centre, SimTime Horizon, ImmutableArray<JobArrival> Arrivals) : ICentreMessage;

/// <summary>Ends the run for a centre: it emits its samples up to the makespan.</summary>
public sealed record CloseCentre(CentreId Centre, SimTime End) : ICentreMessage;

/// <summary>A centre's answer to any of the above: its report and what it produced.</summary>
public sealed record WindowReport(CentreId Centre, WindowOutput Output) : ICentreMessage;
