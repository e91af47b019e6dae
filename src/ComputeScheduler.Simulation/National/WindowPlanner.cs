using System.Collections.Immutable;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Simulation.National;

/// <summary>
/// The conservative-window clock of a national run (no actors, no scheduling). Window k covers
/// [t_k, t_k + L) on a fixed grid of the dispatch interval L (the scenario's <c>dispatchIntervalS</c>,
/// <see cref="Model.Scenarios.SimulationSettings.DispatchInterval"/>): the lookahead of the windows.
/// With <see cref="DispatchTiming.AtSubmit"/> (the default) the round at t_k dispatches the jobs
/// submitted in [t_k, t_k + L), each at its own submit time, on the reports of t_k; with
/// <see cref="DispatchTiming.Rounds"/> it dispatches those submitted in (t_k - L, t_k], all at t_k.
/// Jobs addressed to a centre reach it at their own submit time either way. Stretches in which
/// nothing can happen are skipped by jumping to the grid point before the next activity, which
/// changes no result.
/// L = 0 degenerates to lockstep on a 1 µs grid.
/// The run that drives the planner disposes it, which stops a source read on another thread.
/// </summary>
public sealed class WindowPlanner : IDisposable
{
    private readonly IEnumerator<JobSpec> _jobs;
    private readonly long _dispatchIntervalUs;
    private readonly int _centres;
    private readonly DispatchTiming _timing;
    private readonly List<JobSpec> _carried = new();
    private JobSpec? _peeked;
    private bool _exhausted;
    private SimTime _lastSubmit = SimTime.Zero;

    public WindowPlanner(IEnumerable<JobSpec> jobs, SimDuration dispatchInterval, int centres, DispatchTiming timing = DispatchTiming.AtSubmit)
    {
        _jobs = jobs.GetEnumerator();
        _dispatchIntervalUs = Math.Max(1, dispatchInterval.Microseconds);
        _centres = centres;
        _timing = timing;
        Advance();
    }

    public SimTime Now { get; private set; } = SimTime.Zero;
    public SimTime Horizon => SimTime.FromMicroseconds(Now.Microseconds + _dispatchIntervalUs);
    public long Submitted { get; private set; }

    /// <summary>
    /// The jobs for the round at <see cref="Now"/>: those to dispatch (in submit order; at their submit
    /// times inside the window with <see cref="DispatchTiming.AtSubmit"/>), and addressed arrivals per
    /// centre (null for a centre with none).
    /// </summary>
    public (ImmutableArray<JobSpec> ToDispatch, List<JobArrival>?[] Addressed) TakeRound()
    {
        var toDispatch = ImmutableArray.CreateBuilder<JobSpec>();
        toDispatch.AddRange(_carried);
        _carried.Clear();
        var addressed = new List<JobArrival>?[_centres];
        long horizon = Horizon.Microseconds;
        while (_peeked is { } job && job.Submit.Microseconds < horizon)
        {
            if (job.Submit < _lastSubmit) throw new InvalidOperationException($"job {job.Id} is submitted at {job.Submit}, before the job read before it ({_lastSubmit}): the workload is not in submit order");
            _lastSubmit = job.Submit;
            Submitted++;
            if (job.TargetCentre is { } c)
            {
                // Addressed jobs are read one window ahead at most, so the centre is never past them.
                if (c.Value < 0 || c.Value >= _centres) throw new InvalidOperationException($"job {job.Id} is addressed to centre {c}, which does not exist");
                (addressed[c.Value] ??= new List<JobArrival>()).Add(new JobArrival(job, job.Submit));
            }
            else if (_timing == DispatchTiming.AtSubmit || job.Submit <= Now) toDispatch.Add(job);
            else _carried.Add(job);
            Advance();
        }
        return (toDispatch.ToImmutable(), addressed);
    }

    /// <summary>True when no job remains anywhere: stream, dispatcher, queues or running.</summary>
    public bool IsFinished(IReadOnlyList<CentreReport> reports, int dispatcherWaiting)
    {
        if (!_exhausted || _carried.Count > 0 || dispatcherWaiting > 0) return false;
        foreach (var r in reports)
            if (r.NextEvent != SimTime.MaxValue || r.RunningJobs > 0 || r.QueuedJobs > 0) return false;
        return true;
    }

    /// <summary>Moves <see cref="Now"/> to the next window's start, skipping windows in which nothing can happen.</summary>
    public void MoveNext(IReadOnlyList<CentreReport> reports, int dispatcherWaiting)
    {
        long next = Horizon.Microseconds;
        if (_carried.Count > 0 || dispatcherWaiting > 0)
        {
            Now = SimTime.FromMicroseconds(next);
            return;
        }
        long activity = long.MaxValue;
        foreach (var r in reports) activity = Math.Min(activity, r.NextEvent.Microseconds);
        if (_peeked is { } job)
        {
            long s = job.Submit.Microseconds;
            // A round dispatches its window's own jobs at submit time, but a job of (t - L, t] only at t.
            long at = job.TargetCentre is null && _timing == DispatchTiming.Rounds ? CeilToGrid(s) : s;
            activity = Math.Min(activity, at);
        }
        if (activity == long.MaxValue)
        {
            foreach (var r in reports)
                if (r.QueuedJobs > 0)
                    throw new InvalidOperationException($"centre {r.Centre} holds {r.QueuedJobs} queued jobs with nothing running and nothing to come: its placement policy can never start them");
        }
        long skip = activity == long.MaxValue ? next : activity / _dispatchIntervalUs * _dispatchIntervalUs;
        Now = SimTime.FromMicroseconds(Math.Max(next, skip));
    }

    private long CeilToGrid(long us) => (us + _dispatchIntervalUs - 1) / _dispatchIntervalUs * _dispatchIntervalUs;

    private void Advance()
    {
        if (_exhausted) return;
        if (_jobs.MoveNext()) _peeked = _jobs.Current;
        else
        {
            _peeked = null;
            _exhausted = true;
            _jobs.Dispose();
        }
    }

    /// <summary>Lets go of the job source (a run that stops before reading it all stops its reader).</summary>
    public void Dispose() => _jobs.Dispose();
}
