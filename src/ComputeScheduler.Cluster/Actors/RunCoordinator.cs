using System.Collections.Immutable;
using Akka.Actor;
using ComputeScheduler.Cluster.Coordination;
using ComputeScheduler.Cluster.Protocol;
using ComputeScheduler.Cluster.Serialization;
using ComputeScheduler.Cluster.Telemetry;
using ComputeScheduler.Model.Ids;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Scheduling.Dispatch;
using ComputeScheduler.Simulation.Engine;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Cluster.Actors;

/// <summary>
/// Drives the conservative-window protocol: per window, one dispatch round at the national
/// dispatcher, then one <see cref="AdvanceTo"/> per centre and one <see cref="WindowReport"/>
/// back from each. Phases are behaviours: Idle, CollectingReports, AwaitingDispatch.
/// </summary>
public sealed class RunCoordinator : ReceiveActor
{
    private readonly IActorRef[] _centres;
    private readonly IActorRef _dispatcher;
    private readonly WindowPlanner _planner;
    private readonly RunRecorder _recorder = new();
    private readonly TaskCompletionSource<RunRecorder> _done;
    private readonly RunProgress _progress;
    private readonly CentreReport[] _reports;
    private List<JobArrival>[] _addressed = [];
    private int _pending;
    private int _dispatcherWaiting;
    private long _windows;
    private long _messages;
    private long _windowStartTicks;
    private long _waitStartTicks;
    private long _windowStartMessages;
    private long _windowStartBytes;
    private readonly long[] _centreEvents;
    private readonly KeyValuePair<string, object?>[][] _centreTags;

    /// <summary>In one process: one child actor per centre engine.</summary>
    public RunCoordinator(CentreEngine[] engines, NationalDispatcher dispatcher, WindowPlanner planner, TaskCompletionSource<RunRecorder> done, RunProgress progress)
        : this(engines.Length, null, engines, dispatcher, planner, done, progress) { }

    /// <summary>On a cluster: every centre message goes to one child made from <paramref name="centreLink"/> (<see cref="Sharding.ClusterCentres"/>).</summary>
    public RunCoordinator(int centres, Props centreLink, NationalDispatcher dispatcher, WindowPlanner planner, TaskCompletionSource<RunRecorder> done, RunProgress progress)
        : this(centres, centreLink, null, dispatcher, planner, done, progress) { }

    private RunCoordinator(int centres, Props? centreLink, CentreEngine[]? engines, NationalDispatcher dispatcher, WindowPlanner planner, TaskCompletionSource<RunRecorder> done, RunProgress progress)
    {
        // Children, so that this actor's supervisor strategy fails the run on any engine or policy error.
        if (centreLink is null) _centres = engines!.Select((e, i) => Context.ActorOf(CentreActor.Props(e), $"centre-{i}")).ToArray();
        else _centres = Enumerable.Repeat(Context.ActorOf(centreLink, "centres"), centres).ToArray();
        _dispatcher = Context.ActorOf(DispatcherActor.Props(dispatcher), "dispatcher");
        _planner = planner;
        _done = done;
        _progress = progress;
        _reports = new CentreReport[centres];
        _centreEvents = new long[centres];
        _centreTags = Enumerable.Range(0, centres).Select(c => new[] { new KeyValuePair<string, object?>("centre", c) }).ToArray();
        Receive<StartRun>(_ => Guard(() =>
        {
            for (int c = 0; c < _centres.Length; c++) Send(_centres[c], new ReportState(new CentreId(c)));
            CollectReports(StartRound);
        }));
    }

    public static Props Props(CentreEngine[] engines, NationalDispatcher dispatcher, WindowPlanner planner, TaskCompletionSource<RunRecorder> done, RunProgress progress)
        => Akka.Actor.Props.Create(() => new RunCoordinator(engines, dispatcher, planner, done, progress));

    public static Props Props(int centres, Props centreLink, NationalDispatcher dispatcher, WindowPlanner planner, TaskCompletionSource<RunRecorder> done, RunProgress progress)
        => Akka.Actor.Props.Create(() => new RunCoordinator(centres, centreLink, dispatcher, planner, done, progress));

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(e =>
    {
        if (e is CentresLostException) Fail(e);
        else Fail($"a centre or the dispatcher failed: {e.Message}");
        return Directive.Stop;
    });

    private void StartRound()
    {
        _windowStartTicks = System.Diagnostics.Stopwatch.GetTimestamp();
        _windowStartMessages = _messages;
        _windowStartBytes = WireBytes.Total;
        var (toDispatch, addressed) = _planner.TakeRound();
        _addressed = addressed;
        Send(_dispatcher, new DispatchRequest(_planner.Now, toDispatch, [.. _reports]));
        _waitStartTicks = System.Diagnostics.Stopwatch.GetTimestamp();
        Become(AwaitingDispatch);
    }

    private void AwaitingDispatch()
    {
        Receive<DispatchReply>(reply => Guard(() =>
        {
            _messages++;
            SimulatorTelemetry.Messages.Add(1);
            SimulatorTelemetry.CoordinatorIdle.Add(ElapsedMs(_waitStartTicks));
            _recorder.AddOutcomes(reply.Round.Rejected);
            SimulatorTelemetry.JobsDone.Add(reply.Round.Rejected.Count);
            _dispatcherWaiting = reply.Waiting;
            var arrivals = new ImmutableArray<JobArrival>.Builder[_centres.Length];
            for (int c = 0; c < _centres.Length; c++) arrivals[c] = ImmutableArray.CreateBuilder<JobArrival>();
            foreach (var a in reply.Round.Assigned)
            {
                // Jobs the dispatcher placed reach their centre at the dispatch time, or later when their data crosses the WAN first.
                arrivals[a.Centre.Value].Add(new JobArrival(a.Job, a.Arrival) { Dispatched = a.Dispatched, FirstRound = a.FirstRound });
            }
            for (int c = 0; c < _centres.Length; c++)
            {
                arrivals[c].AddRange(_addressed[c]);
                Send(_centres[c], new AdvanceTo(new CentreId(c), _planner.Horizon, arrivals[c].ToImmutable()));
            }
            CollectReports(AfterWindow);
        }));
    }

    private void AfterWindow()
    {
        _windows++;
        SimulatorTelemetry.Windows.Add(1);
        SimulatorTelemetry.WindowDuration.Record(ElapsedMs(_windowStartTicks));
        SimulatorTelemetry.WindowMessages.Record(_messages - _windowStartMessages);
        SimulatorTelemetry.WindowBytes.Record(WireBytes.Total - _windowStartBytes);
        if ((_windows & 63) == 0) Publish();
        if (_planner.IsFinished(_reports, _dispatcherWaiting))
        {
            var end = _recorder.Makespan;
            for (int c = 0; c < _centres.Length; c++) Send(_centres[c], new CloseCentre(new CentreId(c), end));
            CollectReports(Finish);
            return;
        }
        _planner.MoveNext(_reports, _dispatcherWaiting);
        StartRound();
    }

    private void Finish()
    {
        _recorder.CountSubmitted(_planner.Submitted);
        _recorder.Windows = _windows;
        _recorder.Messages = _messages;
        _recorder.Events = _reports.Sum(r => r.EventsProcessed);
        Publish();
        _done.TrySetResult(_recorder);
        Context.Stop(Self);
    }

    private void CollectReports(Action then)
    {
        _pending = _centres.Length;
        _waitStartTicks = System.Diagnostics.Stopwatch.GetTimestamp();
        Become(() =>
        {
            Receive<WindowReport>(r => Guard(() =>
            {
                _messages++;
                SimulatorTelemetry.Messages.Add(1);
                var report = r.Output.Report;
                _reports[r.Centre.Value] = report;
                _recorder.Add(r.Output);
                SimulatorTelemetry.Events.Add(report.EventsProcessed - _centreEvents[r.Centre.Value], _centreTags[r.Centre.Value]);
                _centreEvents[r.Centre.Value] = report.EventsProcessed;
                SimulatorTelemetry.JobsDone.Add(r.Output.Outcomes.Length);
                if (--_pending == 0)
                {
                    SimulatorTelemetry.CoordinatorIdle.Add(ElapsedMs(_waitStartTicks));
                    then();
                }
            }));
        });
    }

    private static double ElapsedMs(long startTicks) => System.Diagnostics.Stopwatch.GetElapsedTime(startTicks).TotalMilliseconds;

    private void Send(IActorRef to, object message)
    {
        _messages++;
        SimulatorTelemetry.Messages.Add(1);
        to.Tell(message);
    }

    private void Publish()
        => _progress.Update(_planner.Now.Microseconds, _recorder.OutcomeCount, _reports.Sum(r => r?.EventsProcessed ?? 0), _windows);

    private void Guard(Action action)
    {
        try { action(); }
        catch (Exception e) { Fail(e); }
    }

    private void Fail(string message) => Fail(new InvalidOperationException(message));

    /// <summary>Ends the run with <paramref name="error"/> as it is (bad trace input stays an input error).</summary>
    private void Fail(Exception error)
    {
        _done.TrySetException(error);
        Context.Stop(Self);
    }
}
