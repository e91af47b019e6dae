using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.TestKit.Xunit2;

namespace ComputeScheduler.Cluster.Tests.Sharding;

/// <summary>
/// Nodes of another cluster name or secret are refused, and both sides say so once: the refused
/// node's <see cref="ClusterAdmission.Refusal"/> names the seed, the seed reports one line per
/// refused node. The same name and secret join.
/// </summary>
[Collection(nameof(ClusterCollection))]
public class ClusterAdmissionTests : TestKit
{
    private static readonly ClusterConfig Coordinator = LoopbackWorkers.Node(ClusterConfig.CoordinatorRole) with { Secret = "s3cret" };
    private readonly ConcurrentQueue<string> _seedReport = new();

    public ClusterAdmissionTests() : base(ClusterAdmission.Setup(Coordinator.SystemName, LoopbackWorkers.Config(Coordinator)), Coordinator.SystemName)
    {
        ClusterAdmission.Start(Sys, [], TimeSpan.FromSeconds(Coordinator.AdmissionWaitS), _seedReport.Enqueue);
        Akka.Cluster.Cluster.Get(Sys).Join(Akka.Cluster.Cluster.Get(Sys).SelfAddress);
    }

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
    public async Task A_node_with_the_wrong_secret_or_cluster_name_is_refused_both_sides_say_so_once_and_one_with_the_right_ones_joins()
    {
        var seed = Akka.Cluster.Cluster.Get(Sys).SelfAddress;
        string seedHostPort = $"{seed.Host}:{seed.Port}";
        // A node joins by the seed's host and port under its own system name, as --seed-nodes does.
        var wrongSecret = LoopbackWorkers.Node(ClusterConfig.WorkerRole) with { Secret = "guess", SeedNodes = [seedHostPort] };
        var wrongName = LoopbackWorkers.Node(ClusterConfig.WorkerRole) with { ClusterName = "other", Secret = "s3cret", SeedNodes = [seedHostPort] };
        var right = LoopbackWorkers.Node(ClusterConfig.WorkerRole) with { Secret = "s3cret", SeedNodes = [seedHostPort] };
        var ownReports = new ConcurrentQueue<string>();
        var systems = new List<ActorSystem>();
        try
        {
            foreach (var node in new[] { wrongSecret, wrongName, right })
                systems.Add(ClusterAdmission.CreateSystem(node, LoopbackWorkers.Config(node), ownReports.Enqueue));

            // The refused ones stop trying, each with one line that names the seed.
            foreach (var refused in systems.Take(2))
            {
                string line = await ClusterAdmission.Of(refused)!.Refusal.WaitAsync(TimeSpan.FromSeconds(90));
                Assert.Equal($"the seed node at {seedHostPort} refused this node: its cluster name or secret does not match this node's (--cluster-name, --cluster-secret)", line);
            }
            await AwaitAssertAsync(() => Assert.Equal(2, Akka.Cluster.Cluster.Get(Sys).State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up)),
                TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100));

            var members = Akka.Cluster.Cluster.Get(Sys).State.Members.Select(m => m.Address).ToList();
            Assert.Equal(2, members.Count);
            Assert.Contains(Akka.Cluster.Cluster.Get(systems[2]).SelfAddress, members);
            Assert.False(ClusterAdmission.Of(systems[2])!.Refusal.IsCompleted);
            // The seed: one line per refused node, naming it, and none for the one that joined.
            Assert.Equal(
                systems.Take(2).Select(s => $"node {Akka.Cluster.Cluster.Get(s).SelfAddress} was refused: its cluster name or secret does not match this cluster's").Order(StringComparer.Ordinal),
                _seedReport.Order(StringComparer.Ordinal));
            Assert.DoesNotContain(_seedReport, l => l.Contains("s3cret", StringComparison.Ordinal) || l.Contains("guess", StringComparison.Ordinal));
            Assert.Empty(ownReports);
        }
        finally
        {
            foreach (var s in systems) await s.Terminate();
        }
    }

    [Fact]
    public async Task A_node_whose_seed_nothing_listens_at_says_so_once_and_goes_on_trying()
    {
        int port = FreePort();
        var node = LoopbackWorkers.Node(ClusterConfig.WorkerRole) with { SeedNodes = [$"127.0.0.1:{port}"], AdmissionWaitS = 2 };
        var reports = new ConcurrentQueue<string>();
        var system = ClusterAdmission.CreateSystem(node, LoopbackWorkers.Config(node), reports.Enqueue);
        try
        {
            await AwaitConditionAsync(() => Task.FromResult(!reports.IsEmpty), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));
            Assert.Equal($"no node answers at 127.0.0.1:{port} (--seed-nodes) yet; still trying", Assert.Single(reports));
            Assert.Equal($"127.0.0.1:{port}", ClusterAdmission.Of(system)!.Unanswered);
            Assert.False(ClusterAdmission.Of(system)!.Refusal.IsCompleted);
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
