namespace ComputeScheduler.Simulation.Policies;

/// <summary>
/// Decides which waiting job a centre tries to start next. The policy owns its index of waiting
/// jobs; the engine tells it of every arrival (<see cref="Add"/>) and start (<see cref="Remove"/>).
/// One instance serves one centre.
/// </summary>
public interface IQueueOrderPolicy : IPolicy
{
    /// <summary>
    /// True for a strict order (e.g. FIFO): a candidate that does not fit blocks every later
    /// candidate that could use any of its pools; false lets later candidates overtake it.
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
