using Akka.Actor;
using Akka.TestKit.Xunit2;

namespace ComputeScheduler.Cluster.Tests.Sharding;

/// <summary>Nodes of another cluster name or secret are refused; the same name and secret join.</summary>
[Collection(nameof(ClusterCollection))]
public class ClusterAdmissionTests : TestKit
{
    private static readonly ClusterConfig Coordinator = LoopbackWorkers.Node(ClusterConfig.CoordinatorRole) with { Secret = "s3cret" };

    public ClusterAdmissionTests() : base(LoopbackWorkers.Config(Coordinator), Coordinator.SystemName)
        => Akka.Cluster.Cluster.Get(Sys).Join(Akka.Cluster.Cluster.Get(Sys).SelfAddress);

    [Fact]
    public void The_secret_changes_the_system_name_so_that_only_equal_secrets_meet()
    {
        var open = LoopbackWorkers.Node(ClusterConfig.WorkerRole);
        Assert.Equal("computesched", open.SystemName);
        Assert.StartsWith("computesched-", Coordinator.SystemName);
        Assert.NotEqual(Coordinator.SystemName, (Coordinator with { Secret = "other" }).SystemName);
        Assert.Equal(Coordinator.SystemName, (open with { Secret = "s3cret" }).SystemName);
    }

    [Fact]
    public async Task A_node_with_the_wrong_secret_or_cluster_name_is_refused_and_one_with_the_right_ones_joins()
    {
        var seed = Akka.Cluster.Cluster.Get(Sys).SelfAddress;
        var wrongSecret = LoopbackWorkers.Node(ClusterConfig.WorkerRole) with { Secret = "guess" };
        var wrongName = LoopbackWorkers.Node(ClusterConfig.WorkerRole) with { ClusterName = "other", Secret = "s3cret" };
        var right = LoopbackWorkers.Node(ClusterConfig.WorkerRole) with { Secret = "s3cret" };
        var systems = new List<ActorSystem>();
        try
        {
            foreach (var node in new[] { wrongSecret, wrongName, right })
            {
                var system = ActorSystem.Create(node.SystemName, LoopbackWorkers.Config(node));
                systems.Add(system);
                // A node joins by the seed's host and port under its own system name, as --seed-nodes does.
                Akka.Cluster.Cluster.Get(system).Join(new Address(seed.Protocol, node.SystemName, seed.Host, seed.Port));
            }
            await AwaitAssertAsync(() => Assert.Equal(2, Akka.Cluster.Cluster.Get(Sys).State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up)),
                TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100));
            // Give the refused ones time they would need to join (the right one needed less).
            await Task.Delay(TimeSpan.FromSeconds(3));

            var members = Akka.Cluster.Cluster.Get(Sys).State.Members.Select(m => m.Address).ToList();
            Assert.Equal(2, members.Count);
            Assert.Contains(Akka.Cluster.Cluster.Get(systems[2]).SelfAddress, members);
        }
        finally
        {
            foreach (var s in systems) await s.Terminate();
        }
    }
}

public class ClusterConfigTests
{
    [Fact]
    public void Extra_hocon_such_as_tls_is_laid_over_the_node_settings()
    {
        var node = new ClusterConfig(ClusterConfig.LoopbackHost, 4101, ["127.0.0.1:4101"], [ClusterConfig.WorkerRole],
            ExtraHocon: "akka.remote.dot-netty.tcp.enable-ssl = true\nakka.remote.dot-netty.tcp.ssl.certificate.path = \"/x/node.pfx\"");
        var config = node.ToConfig();

        Assert.True(config.GetBoolean("akka.remote.dot-netty.tcp.enable-ssl"));
        Assert.Equal("/x/node.pfx", config.GetString("akka.remote.dot-netty.tcp.ssl.certificate.path"));
        Assert.Equal(4101, config.GetInt("akka.remote.dot-netty.tcp.port"));
        Assert.Equal("127.0.0.1", config.GetString("akka.remote.dot-netty.tcp.hostname"));
        Assert.Equal(["akka.tcp://computesched@127.0.0.1:4101"], config.GetStringList("akka.cluster.seed-nodes"));
        Assert.False(new ClusterConfig(ClusterConfig.LoopbackHost, 0, [], []).ToConfig().GetBoolean("akka.remote.dot-netty.tcp.enable-ssl"));
    }
}
