namespace ComputeScheduler.Simulation.Engine;

/// <summary>
/// An engine event, ordered by (time, kind rank, sequence number). <see cref="Slot"/> indexes the
/// engine's job arrays; it is -1 for events that concern no job. <see cref="Tag"/> tells one run of
/// a job from another (a finish event of a run that was preempted is stale and ignored).
/// </summary>
public readonly record struct SimEvent(long TimeUs, EventKind Kind, long Seq, int Slot, int Tag = 0)
{
    /// <summary>True when this event runs before <paramref name="other"/>.</summary>
    public bool RunsBefore(in SimEvent other)
    {
        if (TimeUs != other.TimeUs) return TimeUs < other.TimeUs;
        if (Kind != other.Kind) return Kind < other.Kind;
        return Seq < other.Seq;
    }
}
