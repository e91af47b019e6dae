using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Scheduling.Dispatch;

/// <summary>A job sent to a centre, reaching it at <paramref name="Arrival"/>: the dispatch time plus any WAN transfer of its data.</summary>
public readonly record struct DispatchAssignment(CentreId Centre, JobSpec Job, SimTime Arrival);
