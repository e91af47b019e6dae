namespace ComputeScheduler.Simulation.Policies;

/// <summary>
/// Decides which waiting job a centre tries to start next. The policy owns its index of waiting
/// jobs; the engine tells it of every arrival (<see cref="Add"/>) and start (<see cref="Remove"/>).
/// One instance serves one centre.
/// </summary>
public interface IQueueOrderPolicy : IPolicy
{
    /// <summary>
    /// True when the engine must stop a scheduling pass at the first candidate that does not fit
    /// (strict order, e.g. FIFO); false lets it try later candidates.
    /// </summary>
    bool StopsAtFirstBlocked { get; }

    int Count { get; }

    void Add(in WaitingJob job);

    /// <summary>Removes a job that started. Removing an unknown slot is a bug and throws.</summary>
    void Remove(int slot);

    /// <summary>
    /// Writes up to <c>bestFirstSlots.Length</c> waiting jobs' slots, best first, and returns how
    /// many. Must not change the index.
    /// </summary>
    int Candidates(in QueueContext context, Span<int> bestFirstSlots);
}
