using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.TestKit.Xunit2;
using ComputeScheduler.Cluster.Serialization;
using ComputeScheduler.Cluster.Sharding;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Testing;
using static ComputeScheduler.Testing.ScenarioBuilder;

namespace ComputeScheduler.Cluster.Tests.Sharding;

/// <summary>The test's ActorSystem is the coordinator node; two worker systems join it over loopback TCP.</summary>
[Collection(nameof(ClusterCollection))]
public class ClusterRunTests : TestKit
{
    public ClusterRunTests() : base(LoopbackWorkers.Config(LoopbackWorkers.Node(ClusterConfig.CoordinatorRole)), ClusterConfig.DefaultClusterName)
        => Akka.Cluster.Cluster.Get(Sys).Join(Akka.Cluster.Cluster.Get(Sys).SelfAddress);

    internal static Scenario FourCentres() => new ScenarioBuilder()
        .WithCentre("a", "east", (RefServer, 4)).WithCentre("b", "west", (RefServer, 2), (DomServer, 4))
        .WithCentre("c", "east", (DomServer, 2)).WithCentre("d", "west", (RefServer, 3)).Build();

    [Fact]
    public Task Run_is_byte_identical_on_one_and_three_processes() => OneAndThreeProcessesAgree(FourCentres(), seed: 21);

    [Fact]
    public Task A_run_with_a_timeline_is_byte_identical_on_one_and_three_processes()
        => OneAndThreeProcessesAgree(NationalRunTests.WithTimeline(FourCentres()), seed: 22);

    private async Task OneAndThreeProcessesAgree(Scenario scenario, int seed)
    {
        var jobs = NationalRunTests.RandomJobs(1_200, seed, target: null, centres: 4);
        var inProcess = await NationalRun.RunAsync(scenario, jobs, PolicyRegistry.CreateBuiltIn());

        await using var workers = await LoopbackWorkers.StartAsync(Sys, scenario, workers: 2);
        long bytesBefore = WireBytes.Total;
        var clustered = await ClusterRun.RunAsync(Sys, scenario, LoopbackWorkers.Recipe, jobs, PolicyRegistry.CreateBuiltIn(), minWorkers: 2, TimeSpan.FromSeconds(30));

        // The centres really ran on the workers: both host shards, and the protocol crossed the wire.
        foreach (var worker in workers.Systems)
        {
            var state = await ClusterSharding.Get(worker).ShardRegion(CentreSharding.TypeName)
                .Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(5));
            Assert.Equal(2, state.Shards.Count);
        }
        Assert.True(WireBytes.Total - bytesBefore > 0);

        var expected = ResultFiles.Of(scenario, inProcess);
        var actual = ResultFiles.Of(scenario, clustered);
        Assert.All(ResultFolder.DeterministicFiles, f => Assert.Equal(expected[f], actual[f]));
        Assert.Equal(inProcess.Windows, clustered.Windows);
        Assert.Equal(inProcess.Events, clustered.Events);
    }
}

[CollectionDefinition(nameof(ClusterCollection), DisableParallelization = true)]
public sealed class ClusterCollection;
