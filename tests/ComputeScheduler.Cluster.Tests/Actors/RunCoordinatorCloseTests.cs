using Akka.Actor;
using Akka.TestKit.Xunit2;
using ComputeScheduler.Cluster.Actors;
using ComputeScheduler.Cluster.Protocol;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Simulation.Engine;
using ComputeScheduler.Simulation.National;
using ComputeScheduler.Testing;
using static ComputeScheduler.Testing.ScenarioBuilder;

namespace ComputeScheduler.Cluster.Tests.Actors;

public class RunCoordinatorCloseTests : TestKit
{
    /// <summary>Centres behind one link (as on a cluster) that hold their answers to closes until no close came for a while, counting how many they held at once.</summary>
    private sealed class HoldingLink : ReceiveActor, IWithTimers
    {
        public ITimerScheduler Timers { get; set; } = null!;

        private sealed record Release(int Generation);

        private readonly List<(IActorRef To, WindowReport Report)> _held = new();
        private int _generation;

        public HoldingLink(CentreEngine[] engines, int[] mostHeld)
        {
            Receive<CloseCentre>(m =>
            {
                _held.Add((Sender, CentreInputs.Apply(engines[m.Centre.Value], m)));
                mostHeld[0] = Math.Max(mostHeld[0], _held.Count);
                Timers.StartSingleTimer("release", new Release(++_generation), TimeSpan.FromMilliseconds(300));
            });
            Receive<Release>(r =>
            {
                if (r.Generation != _generation) return; // a close came since
                foreach (var (to, report) in _held) to.Tell(report);
                _held.Clear();
            });
            Receive<ICentreMessage>(m => Sender.Tell(CentreInputs.Apply(engines[m.Centre.Value], m)));
        }
    }

    [Fact]
    public async Task The_coordinator_closes_the_centres_a_few_at_a_time_and_gets_every_centres_last_samples()
    {
        var builder = new ScenarioBuilder();
        for (int c = 0; c < 20; c++) builder.WithCentre($"c{c}", "r", (RefServer, 1));
        var scenario = builder.Build();
        var jobs = Enumerable.Range(0, 40).Select(i => Job(i, i * 30, 1 + i % 8, 600 + 50 * i)).ToList();
        using var sequential = new RunRecorder();
        NationalParts.Create(scenario, jobs, PolicyRegistry.CreateBuiltIn()).RunSequential(sequential);

        var parts = NationalParts.Create(scenario, jobs, PolicyRegistry.CreateBuiltIn());
        int[] mostHeld = [0];
        var done = new TaskCompletionSource<RunRecorder>(TaskCreationOptions.RunContinuationsAsynchronously);
        var coordinator = Sys.ActorOf(RunCoordinator.Props(20, Props.Create(() => new HoldingLink(parts.Engines, mostHeld)), parts.Dispatcher, parts.Planner, done, new RunProgress()));
        coordinator.Tell(StartRun.Instance);
        using var run = await done.Task.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(RunCoordinator.ClosesInFlight, mostHeld[0]);
        Assert.Equal(sequential.Samples, run.Samples);
        Assert.Equal(sequential.Outcomes, run.Outcomes);
        Assert.Equal(20, run.Samples.Select(s => s.Centre).Distinct().Count());
    }
}
