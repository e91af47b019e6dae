using System.Collections.Immutable;
using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Simulation.National;

/// <summary>
/// The rules of a national run's windows, whatever hosts them (a plain loop, actors in one process,
/// or a cluster): what each centre is told and when, what the dispatcher is asked, and when the
/// run ends. A host only moves the messages this class makes:
/// <list type="number">
/// <item><see cref="Start"/>: one <see cref="ReportState"/> per centre; each answer to <see cref="Accept"/>.</item>
/// <item><see cref="NextRound"/>: the dispatch request of the window at <see cref="Now"/>; its reply to <see cref="Route"/>,
/// which gives one <see cref="AdvanceTo"/> per centre; each answer to <see cref="Accept"/>.</item>
/// <item><see cref="EndWindow"/>: null to go on with the next round, or one <see cref="CloseCentre"/> per centre; their answers
/// to <see cref="Accept"/>, then <see cref="Complete"/>.</item>
/// </list>
/// Reports may come back in any order: the sink keys everything it stores, and a window's next step waits for all of them.
/// </summary>
public sealed class NationalWindows
{
    private readonly WindowPlanner _planner;
    private readonly INationalRunSink _sink;
    private readonly CentreReport[] _reports;
    private List<JobArrival>?[] _addressed = [];
    private int _dispatcherWaiting;

    public NationalWindows(WindowPlanner planner, int centres, INationalRunSink sink)
    {
        _planner = planner;
        _sink = sink;
        _reports = new CentreReport[centres];
    }

    public int Centres => _reports.Length;

    /// <summary>Start of the current window.</summary>
    public SimTime Now => _planner.Now;

    public long Windows { get; private set; }

    /// <summary>Time of the last finish or rejection so far (the sink's count).</summary>
    public SimTime Makespan => _sink.Makespan;

    public long OutcomeCount => _sink.OutcomeCount;

    /// <summary>Events the centres have processed, as of their last reports.</summary>
    public long Events
    {
        get
        {
            long events = 0;
            foreach (var r in _reports) events += r?.EventsProcessed ?? 0;
            return events;
        }
    }

    public ReportState[] Start()
    {
        var asks = new ReportState[_reports.Length];
        for (int c = 0; c < asks.Length; c++) asks[c] = new ReportState(new CentreId(c));
        return asks;
    }

    /// <summary>Takes in a centre's answer: its report for the next round and what it produced.</summary>
    public void Accept(WindowReport report)
    {
        _reports[report.Centre.Value] = report.Output.Report;
        _sink.Add(report.Output);
    }

    /// <summary>The dispatch request of the window at <see cref="Now"/>: the jobs it dispatches and every centre's last report.</summary>
    public DispatchRequest NextRound()
    {
        var (toDispatch, addressed) = _planner.TakeRound();
        _addressed = addressed;
        return new DispatchRequest(_planner.Now, toDispatch, [.. _reports]);
    }

    /// <summary>
    /// Turns the dispatcher's reply into the window's one input per centre: the jobs dispatched to
    /// it (reaching it at the dispatch time, or later when their data crosses the WAN first), then
    /// the jobs addressed to it, to run up to the window's end.
    /// </summary>
    public AdvanceTo[] Route(DispatchReply reply)
    {
        _sink.AddOutcomes(reply.Round.Rejected);
        _dispatcherWaiting = reply.Waiting;
        // Most centres get nothing in a window: no builder is made for them.
        var arrivals = new ImmutableArray<JobArrival>.Builder?[_reports.Length];
        foreach (var a in reply.Round.Assigned)
            (arrivals[a.Centre.Value] ??= ImmutableArray.CreateBuilder<JobArrival>())
                .Add(new JobArrival(a.Job, a.Arrival) { Dispatched = a.Dispatched, FirstRound = a.FirstRound });
        var inputs = new AdvanceTo[_reports.Length];
        for (int c = 0; c < inputs.Length; c++)
        {
            if (_addressed[c] is { } addressed) (arrivals[c] ??= ImmutableArray.CreateBuilder<JobArrival>()).AddRange(addressed);
            inputs[c] = new AdvanceTo(new CentreId(c), _planner.Horizon, arrivals[c]?.ToImmutable() ?? ImmutableArray<JobArrival>.Empty);
        }
        return inputs;
    }

    /// <summary>
    /// Ends the window once every centre answered its input: null when the run goes on (the next
    /// window's start is chosen), or the inputs that close every centre at the makespan.
    /// </summary>
    public CloseCentre[]? EndWindow()
    {
        Windows++;
        if (_planner.IsFinished(_reports, _dispatcherWaiting))
        {
            var closes = new CloseCentre[_reports.Length];
            for (int c = 0; c < closes.Length; c++) closes[c] = new CloseCentre(new CentreId(c), Makespan);
            return closes;
        }
        _planner.MoveNext(_reports, _dispatcherWaiting);
        return null;
    }

    /// <summary>Hands the run's totals to the sink, once every centre answered its close.</summary>
    public RunTotals Complete()
    {
        var totals = new RunTotals(_planner.Submitted, Windows, Events);
        _sink.Complete(totals);
        return totals;
    }
}
