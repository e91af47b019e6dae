namespace ComputeScheduler.Simulation.Engine;

/// <summary>
/// Kinds of engine events. The numeric value is the kind's rank: at equal times, lower ranks run
/// first. Finishes free capacity before arrivals join the queue, and one scheduling pass then
/// sees both. A port that becomes ready joins before that pass too.
/// </summary>
public enum EventKind : byte
{
    JobFinish = 0,
    JobArrival = 1,
    PortingReady = 2,
    SchedulePass = 3,
}
