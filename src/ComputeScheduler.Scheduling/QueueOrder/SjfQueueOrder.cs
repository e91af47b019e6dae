using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.QueueOrder;

/// <summary>
/// Shortest job first (non-preemptive): waiting jobs in order of their estimated runtime (the
/// trace's observed runtime, else work over chips on reference chips), ties in arrival order;
/// strict per pool like FIFO, so a short job that does not fit holds back longer ones on its pools.
/// O(log n) per add and remove.
/// </summary>
public sealed class SjfQueueOrder : IQueueOrderPolicy
{
    public const string PolicyName = "sjf";

    private readonly SortedWaitingSet _waiting = new();

    public string Name => PolicyName;
    public bool StopsAtFirstBlocked => true;
    public int Count => _waiting.Count;

    public void Add(in WaitingJob job) => _waiting.Add(job, job.EstimatedRuntimeS);

    public void Remove(int slot) => _waiting.Remove(slot);

    public int Candidates(in QueueContext context, Span<int> bestFirstSlots) => _waiting.Candidates(bestFirstSlots);
}
