using ComputeScheduler.Model.Ids;

namespace ComputeScheduler.Simulation.Policies;

/// <summary>A dispatch decision: send the job to a centre, or keep it waiting at the national level.</summary>
public readonly record struct DispatchDecision(bool IsAssigned, CentreId Centre)
{
    public static readonly DispatchDecision Wait = new(false, default);

    public static DispatchDecision To(CentreId centre) => new(true, centre);
}
