using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Scheduling.Dispatch;

/// <summary>One round's decisions: jobs sent to centres (in decision order) and jobs no centre can take.</summary>
public sealed record DispatchRound(IReadOnlyList<(CentreId Centre, JobSpec Job)> Assigned, IReadOnlyList<JobOutcome> Rejected);
