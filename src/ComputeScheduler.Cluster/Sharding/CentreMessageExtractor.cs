using System.Globalization;
using Akka.Cluster.Sharding;
using ComputeScheduler.Cluster.Protocol;
using ComputeScheduler.Simulation.National;

namespace ComputeScheduler.Cluster.Sharding;

/// <summary>One entity per centre and one shard per centre: the entity and shard id are the centre's index.</summary>
internal sealed class CentreMessageExtractor : IMessageExtractor
{
    public string? EntityId(object message) => message switch
    {
        ICentreMessage m => m.Centre.Value.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    public object? EntityMessage(object message) => message;

    public string? ShardId(object message) => EntityId(message);

    public string ShardId(string entityId, object? messageHint = null) => entityId;
}
