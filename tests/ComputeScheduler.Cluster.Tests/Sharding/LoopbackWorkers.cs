using Akka.Actor;
using Akka.Configuration;
using ComputeScheduler.Cluster.Protocol;
using ComputeScheduler.Simulation.National;
using ComputeScheduler.Cluster.Sharding;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Scheduling;

namespace ComputeScheduler.Cluster.Tests.Sharding;

/// <summary>
/// Worker ActorSystems in the test process that join a coordinator over loopback TCP (real
/// remoting and the real serializer) and host the centres Cluster Sharding places on them.
/// </summary>
public sealed class LoopbackWorkers : IAsyncDisposable
{
    /// <summary>Recipe of the tests: workers resolve it to the scenario they were given.</summary>
    public static readonly ScenarioRecipe Recipe = new(["test"], "/", []);

    private readonly List<ActorSystem> _systems = new();

    /// <summary>Node settings of tests: loopback, port 0, a generous heartbeat pause (2 busy cores).</summary>
    public static ClusterConfig Node(string role, double heartbeatPauseS = 10)
        => new(ClusterConfig.LoopbackHost, 0, [], [role], HeartbeatPauseS: heartbeatPauseS);

    public static Config Config(ClusterConfig node) => ConfigurationFactory.ParseString("""
        akka.cluster.shutdown-after-unsuccessful-join-seed-nodes = off
        akka.coordinated-shutdown.exit-clr = off
        # The other nodes of a test are gone when the coordinator's system stops: do not wait for them.
        akka.coordinated-shutdown.phases.cluster-exiting.timeout = 1s
        akka.coordinated-shutdown.phases.cluster-sharding-shutdown-region.timeout = 1s
        """).WithFallback(node.ToConfig());

    public IReadOnlyList<ActorSystem> Systems => _systems;

    public static async Task<LoopbackWorkers> StartAsync(ActorSystem coordinator, Scenario scenario, int workers, double heartbeatPauseS = 10, Config? extra = null)
    {
        var result = new LoopbackWorkers();
        var seed = Akka.Cluster.Cluster.Get(coordinator).SelfAddress;
        for (int i = 0; i < workers; i++)
        {
            var config = Config(Node(ClusterConfig.WorkerRole, heartbeatPauseS));
            if (extra is not null) config = extra.WithFallback(config);
            var system = ActorSystem.Create(coordinator.Name, config);
            result._systems.Add(system);
            Akka.Cluster.Cluster.Get(system).Join(seed);
            CentreSharding.StartRegion(system, new CentreEngineSource(_ => scenario, PolicyRegistry.CreateBuiltIn()));
        }
        await Task.CompletedTask;
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        // One after the other: leaving all at once times out the exiting phase (PACKAGES.md).
        foreach (var system in _systems) await system.Terminate().ConfigureAwait(false);
    }
}
