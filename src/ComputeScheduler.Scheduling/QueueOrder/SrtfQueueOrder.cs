using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.QueueOrder;

/// <summary>
/// Shortest remaining time first (preemptive SJF): waiting jobs in order of their estimated
/// remaining runtime (estimate x share of work not done), ties in queueing order, strict per pool.
/// A waiting job that does not fit preempts running jobs in its pools whose remaining time is
/// strictly longer than its own, longest first. The estimate is the trace's observed runtime (the
/// true one) when the trace gives it, else work over chips on reference chips.
/// </summary>
public sealed class SrtfQueueOrder : IPreemptiveQueueOrder
{
    public const string PolicyName = "srtf";

    private readonly SortedWaitingSet _waiting = new();

    public string Name => PolicyName;
    public bool StopsAtFirstBlocked => true;
    public int Count => _waiting.Count;

    public void Add(in WaitingJob job) => _waiting.Add(job, job.Active.RemainingFraction > 0 ? job.Active.RemainingEstimateS : job.EstimatedRuntimeS);

    public void Remove(int slot) => _waiting.Remove(slot);

    public int Candidates(in QueueContext context, Span<int> bestFirstSlots) => _waiting.Candidates(bestFirstSlots);

    public double PreemptionRank(in ActiveJob job, SimTime now) => job.RemainingEstimateS;

    public bool ShouldPreempt(in ActiveJob candidate, in ActiveJob running, SimTime now)
        => running.RemainingEstimateS > candidate.RemainingEstimateS;

    // Remaining time only shrinks while a job runs: time alone never makes a running job preemptible.
    public SimTime NextRankChange(in ActiveJob running, SimTime now) => SimTime.MaxValue;
}
