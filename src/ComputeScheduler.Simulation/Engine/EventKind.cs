namespace ComputeScheduler.Simulation.Engine;

/// <summary>
/// Kinds of engine events. The numeric value is the kind's rank: at equal times, lower ranks run
/// first. Finishes free capacity before arrivals join the queue, and one scheduling pass then
/// sees both.
/// </summary>
public enum EventKind : byte
{
    JobFinish = 0,
    JobArrival = 1,
    SchedulePass = 2,
}
