using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Dispatch;

/// <summary>
/// Expected queueing wait of a job at a centre, from the centre's last report (the estimator of
/// shortest-expected-wait and data-gravity dispatch). The centre's local queue is taken as one line
/// in front of the job, drained by the chips that are busy:
/// <code>
/// deficit = queued chips (at the report + sent since) + job chips - free chips    (matching pools)
///           without "- free chips" when the report shows queued jobs
/// wait    = 0                              when deficit &lt;= 0 (room now)
///         = deficit / max(1, busy chips) x tau
/// tau     = mean runtime of the jobs this policy sent to the centre (exponential average,
///           weight 0.1 on the newest), or the job's own runtime before it sent any
/// </code>
/// i.e. freeing `deficit` chips takes deficit/busy turnovers of the running work, each about one
/// typical runtime. Jobs still queued at a report could not start on the free chips (the engine
/// starts all it can at each pass, and under FIFO a blocked head holds its pools for every job
/// behind it), so a newcomer is taken to wait behind them, free chips or not. Runtimes are on reference chips (observed runtime, else work / chips), so a
/// slower centre's wait is underestimated. Blind to placement fragmentation. One instance per
/// policy instance (one per run): its state is deterministic.
/// </summary>
internal sealed class WaitEstimator
{
    private const double Smoothing = 0.1;

    private double[] _meanRuntimeS = new double[16];  // by centre id; 0 = nothing sent yet

    public double Seconds(JobSpec job, in CentreView c)
    {
        long deficit = c.QueuedChips + job.Chips - (c.QueuedJobs > 0 ? 0 : c.EligibleFreeChips);
        if (deficit <= 0) return 0;
        int busy = Math.Max(1, c.EligibleTotalChips - c.EligibleFreeChips);
        int id = c.Centre.Value;
        double tau = id < _meanRuntimeS.Length && _meanRuntimeS[id] > 0 ? _meanRuntimeS[id] : RuntimeS(job);
        return deficit * tau / busy;
    }

    /// <summary>Records that <paramref name="job"/> was sent to centre <paramref name="centre"/>.</summary>
    public void Sent(JobSpec job, int centre)
    {
        if (centre >= _meanRuntimeS.Length) Array.Resize(ref _meanRuntimeS, Math.Max(centre + 1, _meanRuntimeS.Length * 2));
        double r = RuntimeS(job);
        _meanRuntimeS[centre] = _meanRuntimeS[centre] > 0 ? _meanRuntimeS[centre] + Smoothing * (r - _meanRuntimeS[centre]) : r;
    }

    /// <summary>The job's runtime on reference chips: observed, else work / chips (a floor of 1 s).</summary>
    public static double RuntimeS(JobSpec job)
        => Math.Max(1, job.ObservedRuntimeS ?? job.WorkReferenceChipSeconds / Math.Max(1, job.Chips));
}
