using Akka.Actor;
using Akka.Cluster.Sharding;

namespace ComputeScheduler.Cluster.Sharding;

/// <summary>Starts the "centre" entity type of Cluster Sharding: a hosting region on workers, a proxy on the coordinator.</summary>
public static class CentreSharding
{
    public const string TypeName = "centre";

    /// <summary>On a worker node: hosts the centres Cluster Sharding places here.</summary>
    public static IActorRef StartRegion(ActorSystem system, CentreEngineSource engines)
    {
        var sharding = ClusterSharding.Get(system); // before ClusterShardingSettings.Create (PACKAGES.md)
        var settings = ClusterShardingSettings.Create(system).WithRole(ClusterConfig.WorkerRole);
        return sharding.Start(TypeName, CentreEntity.Props(engines), settings, new CentreMessageExtractor(), new CentreAllocationStrategy(), PoisonPill.Instance);
    }

    /// <summary>On the coordinator node: routes to the centres wherever they are, hosts none.</summary>
    public static IActorRef StartProxy(ActorSystem system)
        => ClusterSharding.Get(system).StartProxy(TypeName, ClusterConfig.WorkerRole, new CentreMessageExtractor());
}
