using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;

namespace ComputeScheduler.Cluster.Sharding;

/// <summary>
/// Places each centre's shard on the worker region holding the fewest (ties: the lowest actor
/// path, so a run's placement does not depend on timing), and never rebalances: a centre moves
/// only when its node is lost, and is then rebuilt from its input log.
/// </summary>
internal sealed class CentreAllocationStrategy : IShardAllocationStrategy
{
    public Task<IActorRef> AllocateShard(IActorRef requester, string shardId, IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations)
    {
        if (currentShardAllocations.Count == 0) return Task.FromResult(requester);
        var region = currentShardAllocations
            .OrderBy(kv => kv.Value.Count)
            .ThenBy(kv => kv.Key.Path.ToStringWithAddress(), StringComparer.Ordinal)
            .First().Key;
        return Task.FromResult(region);
    }

    public Task<IImmutableSet<string>> Rebalance(IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations, IImmutableSet<string> rebalanceInProgress)
        => Task.FromResult<IImmutableSet<string>>(ImmutableHashSet<string>.Empty);
}
