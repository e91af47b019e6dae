using System.Collections.Immutable;
using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Simulation.Results;

/// <summary>A centre's state as the national level sees it at the end of a window.</summary>
/// <param name="Reached">The centre has run every event before this time.</param>
/// <param name="NextEvent">Time of its next pending event, or <see cref="SimTime.MaxValue"/>.</param>
public sealed record CentreReport(
    CentreId Centre,
    SimTime Reached,
    SimTime NextEvent,
    int QueuedJobs,
    long QueuedChips,
    int RunningJobs,
    long EventsProcessed,
    ImmutableArray<PoolReport> Pools)
{
    public int TotalChips { get { int t = 0; foreach (var p in Pools) t += p.TotalChips; return t; } }
    public int FreeChips { get { int t = 0; foreach (var p in Pools) t += p.FreeChips; return t; } }
}
