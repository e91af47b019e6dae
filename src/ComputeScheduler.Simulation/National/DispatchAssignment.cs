using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Simulation.National;

/// <summary>A job sent to a centre, reaching it at <paramref name="Arrival"/>: the dispatch time plus any WAN transfer of its data.</summary>
public readonly record struct DispatchAssignment(CentreId Centre, JobSpec Job, SimTime Arrival)
{
    /// <summary>The dispatch round that sent it.</summary>
    public SimTime Dispatched { get; init; } = Arrival;

    /// <summary>The dispatcher's first round for the job: <see cref="Dispatched"/> unless the policy held it.</summary>
    public SimTime FirstRound { get; init; } = Arrival;
}
