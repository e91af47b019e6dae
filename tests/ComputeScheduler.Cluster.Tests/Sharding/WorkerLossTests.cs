using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using ComputeScheduler.Simulation.National;
using ComputeScheduler.Cluster.Sharding;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Scheduling;

namespace ComputeScheduler.Cluster.Tests.Sharding;

/// <summary>
/// A worker stopped abruptly mid-run: it leaves no goodbye (no coordinated shutdown, no leave),
/// like a kill -9, so the others learn of it only from the failure detector.
/// </summary>
[Collection(nameof(ClusterCollection))]
public class WorkerLossTests : TestKit
{
    private const double HeartbeatPauseS = 3;

    private static readonly Config Abrupt = ConfigurationFactory.ParseString("""
        akka.coordinated-shutdown.run-by-actor-system-terminate = off
        akka.cluster.run-coordinated-shutdown-when-down = off
        """);

    public WorkerLossTests() : base(LoopbackWorkers.Config(LoopbackWorkers.Node(ClusterConfig.CoordinatorRole, HeartbeatPauseS)), ClusterConfig.DefaultClusterName)
        => Akka.Cluster.Cluster.Get(Sys).Join(Akka.Cluster.Cluster.Get(Sys).SelfAddress);

    [Fact]
    public async Task A_worker_killed_mid_run_is_replaced_and_the_result_is_byte_identical()
    {
        var scenario = ClusterRunTests.FourCentres();
        var jobs = NationalRunTests.RandomJobs(1_200, seed: 21, target: null, centres: 4);
        var uninterrupted = await NationalRun.RunAsync(scenario, jobs, PolicyRegistry.CreateBuiltIn());

        await using var workers = await LoopbackWorkers.StartAsync(Sys, scenario, workers: 3, HeartbeatPauseS, Abrupt);
        var progress = new RunProgress();
        var run = ClusterRun.RunAsync(Sys, scenario, LoopbackWorkers.Recipe, jobs, PolicyRegistry.CreateBuiltIn(), minWorkers: 3, TimeSpan.FromSeconds(30),
            new RecoverySettings(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60)), progress);
        long killedAtWindow = await KillWhenAsync(await HostOfSomeCentreAsync(workers), progress, run, windows: 50);
        var resumed = await run;

        Assert.True(killedAtWindow < uninterrupted.Windows, "the worker was killed before the run ended");
        Assert.True(progress.CentresRestored > 0, "some centre was rebuilt on another worker");
        var expected = ResultFiles.Of(scenario, uninterrupted);
        var actual = ResultFiles.Of(scenario, resumed);
        Assert.All(ResultFolder.DeterministicFiles, f => Assert.Equal(expected[f], actual[f]));
    }

    [Fact]
    public async Task When_no_worker_is_left_the_run_stops_naming_the_lost_centres()
    {
        var scenario = ClusterRunTests.FourCentres();
        var jobs = NationalRunTests.RandomJobs(1_200, seed: 21, target: null, centres: 4);

        await using var workers = await LoopbackWorkers.StartAsync(Sys, scenario, workers: 1, HeartbeatPauseS, Abrupt);
        var progress = new RunProgress();
        var run = ClusterRun.RunAsync(Sys, scenario, LoopbackWorkers.Recipe, jobs, PolicyRegistry.CreateBuiltIn(), minWorkers: 1, TimeSpan.FromSeconds(30),
            new RecoverySettings(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4)), progress);
        await KillWhenAsync(workers.Systems[0], progress, run, windows: 50);

        var e = await Assert.ThrowsAsync<CentresLostException>(() => run);
        Assert.Equal([0, 1, 2, 3], e.Centres.Select(c => c.Value));
        Assert.Contains("lost centres 0, 1, 2, 3", e.Message);
    }

    /// <summary>The worker that Cluster Sharding gave most centres (the first of equals): losing it loses centres.</summary>
    private static async Task<ActorSystem> HostOfSomeCentreAsync(LoopbackWorkers workers)
    {
        ActorSystem? best = null;
        int most = 0;
        var wait = Stopwatch.StartNew();
        while (best is null && wait.Elapsed < TimeSpan.FromSeconds(30))
        {
            foreach (var worker in workers.Systems.Reverse())
            {
                var state = await ClusterSharding.Get(worker).ShardRegion(CentreSharding.TypeName)
                    .Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(5));
                if (state.Shards.Count > most) (best, most) = (worker, state.Shards.Count);
            }
            if (best is null) await Task.Delay(20);
        }
        return best ?? throw new InvalidOperationException("no worker hosts a centre");
    }

    /// <summary>Stops <paramref name="worker"/> abruptly once the run has completed <paramref name="windows"/> windows.</summary>
    private static async Task<long> KillWhenAsync(ActorSystem worker, RunProgress progress, Task run, long windows)
    {
        var wait = Stopwatch.StartNew();
        while (progress.Windows < windows)
        {
            Assert.False(run.IsCompleted, "the run ended before the worker could be killed");
            Assert.True(wait.Elapsed < TimeSpan.FromSeconds(60), "the run made no progress");
            await Task.Delay(5);
        }
        long at = progress.Windows;
        await worker.Terminate();
        return at;
    }
}
