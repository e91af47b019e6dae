using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Akka.Configuration;
using ComputeScheduler.Cluster.Protocol;
using ComputeScheduler.Cluster.Serialization;
using ComputeScheduler.Simulation.National;

namespace ComputeScheduler.Cluster;

/// <summary>
/// Settings of one node of a cluster run, and the Akka configuration they make: remoting on
/// <see cref="Host"/>:<see cref="Port"/> (127.0.0.1 unless told otherwise), the cluster's seed
/// nodes, the window-protocol serializer, and failure detection.
/// </summary>
/// <param name="Port">TCP port; 0 picks a free one.</param>
/// <param name="SeedNodes">host:port of the seed nodes (the first is usually the coordinator or the first worker).</param>
/// <param name="Roles">Cluster roles: <see cref="WorkerRole"/> hosts centres, <see cref="CoordinatorRole"/> runs the coordinator.</param>
/// <param name="ClusterName">Nodes of different names never join one another.</param>
/// <param name="Secret">
/// A shared secret folded into the ActorSystem name, so that a node started with another secret is
/// refused by Akka's own address check. It keeps clusters apart; it is not authentication (the
/// name travels in clear text): for that, turn on TLS with mutual authentication (README).
/// </param>
/// <param name="HeartbeatPauseS">Failure detector's acceptable heartbeat pause: a node silent longer is unreachable.</param>
/// <param name="ExtraHocon">Akka settings laid over these (e.g. TLS), or null.</param>
/// <param name="AdmissionWaitS">
/// How long a seed may be connected to without letting this node in before the node is refused
/// (its cluster name or secret does not match), and how long before a seed nothing answers at is reported.
/// </param>
public sealed record ClusterConfig(
    string Host,
    int Port,
    IReadOnlyList<string> SeedNodes,
    IReadOnlyList<string> Roles,
    string ClusterName = ClusterConfig.DefaultClusterName,
    string? Secret = null,
    double HeartbeatPauseS = ClusterConfig.DefaultHeartbeatPauseS,
    string? ExtraHocon = null,
    double AdmissionWaitS = ClusterConfig.DefaultAdmissionWaitS)
{
    public const string DefaultClusterName = "computesched";
    public const string WorkerRole = "worker";
    public const string CoordinatorRole = "coordinator";
    public const string LoopbackHost = "127.0.0.1";
    public const double DefaultHeartbeatPauseS = 4;
    public const double DefaultAdmissionWaitS = 10;

    /// <summary>The ActorSystem name: the cluster name, plus a digest of the secret when there is one.</summary>
    public string SystemName => Secret is null ? ClusterName
        : ClusterName + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Secret)))[..16];

    /// <summary>The akka.tcp address of a seed given as host:port; bad values throw <see cref="FormatException"/>.</summary>
    public string SeedAddress(string hostPort)
    {
        int colon = hostPort.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(hostPort.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
            throw new FormatException($"expected host:port, got '{hostPort}'");
        return $"akka.tcp://{SystemName}@{hostPort[..colon]}:{port}";
    }

    /// <summary>
    /// This node's ActorSystem, joining its seed nodes, with <see cref="ClusterAdmission"/> watching who is refused.
    /// </summary>
    /// <param name="report">Receives one line per node of another cluster name or secret that tried to join, and one if no seed answers.</param>
    public Akka.Actor.ActorSystem CreateSystem(Action<string> report) => ClusterAdmission.CreateSystem(this, ToConfig(), report);

    /// <summary>A type as Akka's configuration names it (full name, assembly): taken from the type, so that moving it cannot unbind it.</summary>
    private static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public Config ToConfig()
    {
        string seeds = string.Join(", ", SeedNodes.Select(s => Quote(SeedAddress(s))));
        string roles = string.Join(", ", Roles.Select(Quote));
        string pause = HeartbeatPauseS.ToString("0.###", CultureInfo.InvariantCulture);
        var own = ConfigurationFactory.ParseString($$"""
            akka {
              loglevel = WARNING
              stdout-loglevel = WARNING
              log-dead-letters = off
              log-dead-letters-during-shutdown = off
              actor {
                provider = cluster
                serializers.computesched = "{{TypeName(typeof(WindowProtocolSerializer))}}"
                serializers.computesched-sweep = "{{TypeName(typeof(SweepProtocolSerializer))}}"
                serialization-bindings {
                  "{{TypeName(typeof(ICentreMessage))}}" = computesched
                  "{{TypeName(typeof(ISweepMessage))}}" = computesched-sweep
                }
              }
              remote {
                log-remote-lifecycle-events = off
                dot-netty.tcp {
                  hostname = {{Quote(Host)}}
                  port = {{Port}}
                  # A window's batch and a centre's restore log can be large.
                  maximum-frame-size = 64000000b
                  send-buffer-size = 4096000b
                  receive-buffer-size = 4096000b
                }
              }
              cluster {
                seed-nodes = [{{seeds}}]
                roles = [{{roles}}]
                log-info = off
                failure-detector.acceptable-heartbeat-pause = {{pause}}s
                # The coordinator downs an unreachable worker itself (ClusterCentres); the resolver is the fallback.
                split-brain-resolver.stable-after = 20s
                # How long sharding waits after a downed node is removed before it moves that node's shards
                # (by default the resolver's stable-after, 20 s). Safe to keep short here: a centre running
                # twice is harmless, as the coordinator takes one answer per numbered input.
                down-removal-margin = 1s
                sharding {
                  role = "{{WorkerRole}}"
                  passivate-idle-entity-after = off
                  remember-entities = off
                  # A lost node's shards move fast: the coordinator's state needs a plain majority of the
                  # workers left, and a new shard coordinator (if the old one died with its node) starts soon.
                  coordinator-failure-backoff = 1s
                  retry-interval = 500ms
                  waiting-for-state-timeout = 1s
                  updating-state-timeout = 2s
                  coordinator-state.write-majority-plus = 0
                  coordinator-state.read-majority-plus = 0
                  distributed-data.majority-min-cap = 1
                }
                singleton.hand-over-retry-interval = 500ms
                singleton.min-number-of-hand-over-retries = 4
              }
              coordinated-shutdown.run-by-clr-shutdown-hook = off
            }
            """);
        return ExtraHocon is null ? own : ConfigurationFactory.ParseString(ExtraHocon).WithFallback(own);
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
