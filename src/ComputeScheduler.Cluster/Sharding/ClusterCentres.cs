using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using ComputeScheduler.Simulation.National;
using ComputeScheduler.Cluster.Protocol;
using ComputeScheduler.Cluster.Telemetry;
using ComputeScheduler.Model.Ids;

namespace ComputeScheduler.Cluster.Sharding;

/// <summary>
/// The run coordinator's link to the sharded centres. Numbers each centre's inputs and keeps them
/// in a log on disk (<see cref="CentreInputLog"/>: a centre's checkpoint at every window boundary
/// is its input log, as the engine is deterministic; on disk, the coordinator's memory stays flat);
/// forwards each reply once to the coordinator. When a worker becomes unreachable it downs it;
/// when the worker is removed, the centres it hosted are rebuilt by Cluster Sharding on the
/// remaining workers from their input log, and the window in flight is sent again. A centre
/// not rebuilt within <see cref="RecoverySettings.GiveUpAfter"/> stops the run.
/// </summary>
internal sealed class ClusterCentres : ReceiveActor, IWithTimers
{
    private sealed record RetryTick
    {
        public static readonly RetryTick Instance = new();
    }

    private readonly IActorRef _region;
    private readonly ScenarioRecipe _recipe;
    private readonly RecoverySettings _settings;
    private readonly RunProgress _progress;
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _logFolder;
    private readonly CentreInputLog[] _inputs;
    private readonly bool[] _pending;
    private readonly Address?[] _host;
    private readonly long?[] _lostSince;

    public ClusterCentres(IActorRef region, ScenarioRecipe recipe, int centres, RecoverySettings settings, RunProgress progress)
    {
        _region = region;
        _recipe = recipe;
        _settings = settings;
        _progress = progress;
        _logFolder = Path.Combine(Path.GetTempPath(), $"computesched-inputs-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_logFolder);
        _inputs = Enumerable.Range(0, centres).Select(c => new CentreInputLog(Path.Combine(_logFolder, $"centre-{c}.bin"))).ToArray();
        _pending = new bool[centres];
        _host = new Address?[centres];
        _lostSince = new long?[centres];
        Receive<ReportState>(Input);
        Receive<AdvanceTo>(Input);
        Receive<CloseCentre>(Input);
        Receive<CentreStepped>(Stepped);
        Receive<CentreNotOpen>(m => Lose(m.Centre.Value));
        Receive<CentreFailed>(m => throw new InvalidOperationException($"centre {m.Centre} failed on {Where(Sender)}: {m.Error}"));
        Receive<Akka.Cluster.ClusterEvent.UnreachableMember>(m => Unreachable(m.Member));
        Receive<Akka.Cluster.ClusterEvent.MemberRemoved>(m => Removed(m.Member.Address));
        Receive<RetryTick>(_ => Retry());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef region, ScenarioRecipe recipe, int centres, RecoverySettings settings, RunProgress progress)
        => Akka.Actor.Props.Create(() => new ClusterCentres(region, recipe, centres, settings, progress));

    protected override void PreStart()
    {
        _cluster.Subscribe(Self, Akka.Cluster.ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(Akka.Cluster.ClusterEvent.UnreachableMember), typeof(Akka.Cluster.ClusterEvent.MemberRemoved));
        Timers.StartPeriodicTimer("retry", RetryTick.Instance, _settings.RetryAfter);
    }

    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        foreach (var log in _inputs) log.Dispose();
        Directory.Delete(_logFolder, recursive: true);
    }

    private void Input(ICentreMessage input)
    {
        int c = input.Centre.Value;
        var log = _inputs[c];
        if (log.Count == 0) _region.Tell(new RestoreCentre(input.Centre, _recipe, 0, []));
        log.Append(input);
        _pending[c] = true;
        _region.Tell(new CentreStep(input.Centre, log.Count - 1, input));
    }

    private void Stepped(CentreStepped m)
    {
        int c = m.Centre.Value;
        if (!_pending[c] || m.Seq != _inputs[c].Count - 1) return; // a late answer to an input sent again
        _pending[c] = false;
        _host[c] = Where(Sender);
        if (_lostSince[c] is { } since)
        {
            _log.Warning("centre {0} rebuilt on {1} after {2:0.0} s", m.Centre, _host[c], Stopwatch.GetElapsedTime(since).TotalSeconds);
            _lostSince[c] = null;
        }
        Context.Parent.Tell(m.Report);
    }

    private void Unreachable(Akka.Cluster.Member member)
    {
        if (!member.HasRole(ClusterConfig.WorkerRole)) return;
        _log.Warning("worker {0} is unreachable: downing it; its centres will be rebuilt on the remaining workers", member.Address);
        SimulatorTelemetry.NodesLost.Add(1);
        _cluster.Down(member.Address);
    }

    private void Removed(Address node)
    {
        for (int c = 0; c < _host.Length; c++)
        {
            // A centre that has not answered yet may have been on that node too: restoring a live centre is harmless.
            if (_host[c] == node || (_host[c] is null && _pending[c])) Lose(c);
        }
    }

    private void Lose(int c)
    {
        _lostSince[c] ??= Stopwatch.GetTimestamp();
        _host[c] = null;
        _progress.CountRestore();
        SimulatorTelemetry.CentresRestored.Add(1);
        Restore(c);
    }

    private void Retry()
    {
        var overdue = new List<CentreId>();
        for (int c = 0; c < _lostSince.Length; c++)
        {
            if (_lostSince[c] is not { } since) continue;
            if (Stopwatch.GetElapsedTime(since) > _settings.GiveUpAfter) overdue.Add(new CentreId(c));
            else if (_pending[c]) Restore(c);
        }
        if (overdue.Count > 0) throw new CentresLostException(overdue, _settings.GiveUpAfter);
    }

    /// <summary>Sends centre <paramref name="c"/> its whole input log but the input in flight, in chunks, then that input again.</summary>
    private void Restore(int c)
    {
        var log = _inputs[c];
        var centre = new CentreId(c);
        int settled = _pending[c] ? log.Count - 1 : log.Count;
        int first = 0, i = 0;
        var chunk = ImmutableArray.CreateBuilder<ICentreMessage>();
        int jobs = 0;
        foreach (var input in log.ReadFirst(settled))
        {
            chunk.Add(input);
            jobs += input is AdvanceTo a ? a.Arrivals.Length : 0;
            i++;
            if (jobs >= _settings.RestoreChunkJobs || chunk.Count >= 4_096)
            {
                _region.Tell(new RestoreCentre(centre, _recipe, first, chunk.ToImmutable()));
                first = i;
                chunk.Clear();
                jobs = 0;
            }
        }
        _region.Tell(new RestoreCentre(centre, _recipe, first, chunk.ToImmutable()));
        if (_pending[c]) _region.Tell(new CentreStep(centre, log.Count - 1, log.Last!));
    }

    private Address Where(IActorRef actor) => actor.Path.Address.HasLocalScope ? _cluster.SelfAddress : actor.Path.Address;
}
