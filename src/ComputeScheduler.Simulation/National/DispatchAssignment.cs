using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Simulation.National;

/// <summary>A job sent to a centre, reaching it at <paramref name="Arrival"/>: the dispatch time plus the request's WAN latency or its data's transfer.</summary>
public readonly record struct DispatchAssignment(CentreId Centre, JobSpec Job, SimTime Arrival)
{
    /// <summary>When the dispatcher sent it (its submit time, or a round's time).</summary>
    public SimTime Dispatched { get; init; } = Arrival;

    /// <summary>The dispatcher's first decision on the job: <see cref="Dispatched"/> unless the policy held it.</summary>
    public SimTime FirstRound { get; init; } = Arrival;
}
