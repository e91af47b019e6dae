using Akka.Actor;
using ComputeScheduler.Cluster.Protocol;
using ComputeScheduler.Cluster.Serialization;
using ComputeScheduler.Cluster.Telemetry;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Simulation.Engine;
using ComputeScheduler.Simulation.National;

namespace ComputeScheduler.Cluster.Actors;

/// <summary>
/// Hosts the windows of <see cref="NationalWindows"/> on actors: sends what it makes to the
/// centres and the dispatcher and hands their answers back, with telemetry on the way. No rule of
/// the run lives here. Behaviours: <see cref="Starting"/>, <see cref="CollectingStartReports"/>,
/// <see cref="AwaitingDispatch"/>, <see cref="CollectingWindowReports"/>, <see cref="CollectingFinalReports"/>.
/// </summary>
internal sealed class RunCoordinator : ReceiveActor
{
    private readonly IActorRef[] _centres;
    private readonly IActorRef _dispatcher;
    private readonly NationalWindows _windows;
    private readonly WindowPlanner _planner;
    private readonly RunRecorder _recorder;
    private readonly TaskCompletionSource<RunRecorder> _done;
    private readonly RunProgress _progress;
    private readonly long[] _centreEvents;
    private readonly KeyValuePair<string, object?>[][] _centreTags;
    private int _pending;
    private readonly Queue<CloseCentre> _closes = new();

    /// <summary>
    /// Centres being closed at once. A centre's close brings back its last samples, up to the makespan
    /// (about 15,000 for an idle centre of national-large.yaml); closing a few at a time keeps the
    /// coordinator from holding every centre's at once (about 0.3 GB for 200 centres).
    /// </summary>
    internal const int ClosesInFlight = 8;
    private long _messages;
    private long _windowStartTicks;
    private long _waitStartTicks;
    private long _windowStartMessages;
    private long _windowStartBytes;

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
        _recorder = new RunRecorder();
        _windows = new NationalWindows(planner, centres, _recorder);
        _planner = planner;
        _done = done;
        _progress = progress;
        _centreEvents = new long[centres];
        _centreTags = Enumerable.Range(0, centres).Select(c => new[] { new KeyValuePair<string, object?>("centre", c) }).ToArray();
        Starting();
    }

    public static Props Props(CentreEngine[] engines, NationalDispatcher dispatcher, WindowPlanner planner, TaskCompletionSource<RunRecorder> done, RunProgress progress)
        => Akka.Actor.Props.Create(() => new RunCoordinator(engines, dispatcher, planner, done, progress));

    public static Props Props(int centres, Props centreLink, NationalDispatcher dispatcher, WindowPlanner planner, TaskCompletionSource<RunRecorder> done, RunProgress progress)
        => Akka.Actor.Props.Create(() => new RunCoordinator(centres, centreLink, dispatcher, planner, done, progress));

    /// <summary>The run owns its planner: stopped, finished or failed, it lets go of the job source.</summary>
    protected override void PostStop() => _planner.Dispose();

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(e =>
    {
        if (e is CentresLostException) Fail(e);
        else Fail($"a centre or the dispatcher failed: {e.Message}");
        return Directive.Stop;
    });

    /// <summary>Waits for <see cref="StartRun"/>, then asks every centre for its state.</summary>
    private void Starting()
    {
        Receive<StartRun>(_ => Guard(() =>
        {
            foreach (var ask in _windows.Start()) Send(_centres[ask.Centre.Value], ask);
            Become(CollectingStartReports);
        }));
    }

    private void CollectingStartReports() => ReceiveReports(StartRound);

    /// <summary>Waits for the dispatcher's reply to the window's request, then sends each centre its input.</summary>
    private void AwaitingDispatch()
    {
        Receive<DispatchReply>(reply => Guard(() =>
        {
            Count();
            SimulatorTelemetry.CoordinatorIdle.Add(ElapsedMs(_waitStartTicks));
            SimulatorTelemetry.JobsDone.Add(reply.Round.Rejected.Count);
            foreach (var input in _windows.Route(reply)) Send(_centres[input.Centre.Value], input);
            Become(CollectingWindowReports);
        }));
    }

    private void CollectingWindowReports() => ReceiveReports(EndWindow);

    private void CollectingFinalReports() => ReceiveReports(Finish, onEach: SendNextClose);

    private void StartRound()
    {
        _windowStartTicks = System.Diagnostics.Stopwatch.GetTimestamp();
        _windowStartMessages = _messages;
        _windowStartBytes = WireBytes.Total;
        Send(_dispatcher, _windows.NextRound());
        _waitStartTicks = System.Diagnostics.Stopwatch.GetTimestamp();
        Become(AwaitingDispatch);
    }

    private void EndWindow()
    {
        SimulatorTelemetry.Windows.Add(1);
        SimulatorTelemetry.WindowDuration.Record(ElapsedMs(_windowStartTicks));
        SimulatorTelemetry.WindowMessages.Record(_messages - _windowStartMessages);
        SimulatorTelemetry.WindowBytes.Record(WireBytes.Total - _windowStartBytes);
        var closes = _windows.EndWindow();
        if ((_windows.Windows & 63) == 0) Publish();
        if (closes is null)
        {
            StartRound();
            return;
        }
        foreach (var close in closes) _closes.Enqueue(close);
        for (int i = 0; i < ClosesInFlight; i++) SendNextClose();
        Become(CollectingFinalReports);
    }

    private void SendNextClose()
    {
        if (_closes.TryDequeue(out var close)) Send(_centres[close.Centre.Value], close);
    }

    private void Finish()
    {
        _windows.Complete();
        _recorder.Messages = _messages;
        Publish();
        _done.TrySetResult(_recorder);
        Context.Stop(Self);
    }

    /// <summary>Takes one <see cref="WindowReport"/> from every centre (calling <paramref name="onEach"/> after each), then goes on with <paramref name="whenAll"/>.</summary>
    private void ReceiveReports(Action whenAll, Action? onEach = null)
    {
        _pending = _centres.Length;
        _waitStartTicks = System.Diagnostics.Stopwatch.GetTimestamp();
        Receive<WindowReport>(r => Guard(() =>
        {
            Count();
            int c = r.Centre.Value;
            long events = r.Output.Report.EventsProcessed;
            SimulatorTelemetry.Events.Add(events - _centreEvents[c], _centreTags[c]);
            _centreEvents[c] = events;
            SimulatorTelemetry.JobsDone.Add(r.Output.Outcomes.Length);
            _windows.Accept(r);
            onEach?.Invoke();
            if (--_pending == 0)
            {
                SimulatorTelemetry.CoordinatorIdle.Add(ElapsedMs(_waitStartTicks));
                whenAll();
            }
        }));
    }

    private static double ElapsedMs(long startTicks) => System.Diagnostics.Stopwatch.GetElapsedTime(startTicks).TotalMilliseconds;

    private void Count()
    {
        _messages++;
        SimulatorTelemetry.Messages.Add(1);
    }

    private void Send(IActorRef to, object message)
    {
        Count();
        to.Tell(message);
    }

    private void Publish() => _progress.Update(_windows.Now.Microseconds, _windows.OutcomeCount, _windows.Events, _windows.Windows);

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
