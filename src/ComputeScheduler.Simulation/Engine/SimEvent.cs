namespace ComputeScheduler.Simulation.Engine;

/// <summary>
/// An engine event, ordered by (time, kind rank, sequence number). <see cref="Slot"/> indexes the
/// engine's job arrays; it is -1 for events that concern no job. <see cref="Tag"/> tells one run of
/// a job from another (a finish event of a run that was preempted is stale and ignored).
/// </summary>
/// <remarks>The kind and the sequence number are kept in one word (kind in the top byte), so the order is two comparisons and an event is 24 bytes.</remarks>
public readonly record struct SimEvent
{
    private const int KindShift = 56;
    private const ulong SeqMask = (1UL << KindShift) - 1;

    private readonly ulong _rankAndSeq;

    /// <param name="seq">0 to 2^56 - 1.</param>
    public SimEvent(long timeUs, EventKind kind, long seq, int slot, int tag = 0)
    {
        if ((ulong)seq > SeqMask) throw new ArgumentOutOfRangeException(nameof(seq), seq, "a sequence number is 0 to 2^56 - 1");
        TimeUs = timeUs;
        _rankAndSeq = (ulong)kind << KindShift | (ulong)seq;
        Slot = slot;
        Tag = tag;
    }

    public long TimeUs { get; }
    public int Slot { get; }
    public int Tag { get; }
    public EventKind Kind => (EventKind)(_rankAndSeq >> KindShift);
    public long Seq => (long)(_rankAndSeq & SeqMask);

    /// <summary>True when this event runs before <paramref name="other"/>.</summary>
    public bool RunsBefore(in SimEvent other)
        => TimeUs < other.TimeUs || (TimeUs == other.TimeUs && _rankAndSeq < other._rankAndSeq);
}
