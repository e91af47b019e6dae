using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Simulation.National;

/// <summary>One round's decisions: jobs sent to centres (in decision order) and jobs no centre can take.</summary>
public sealed record DispatchRound(IReadOnlyList<DispatchAssignment> Assigned, IReadOnlyList<JobOutcome> Rejected);
