using System.Diagnostics;
using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Event;
using Akka.Remote;

namespace ComputeScheduler.Cluster;

/// <summary>
/// Says, on both sides and once, that a node of another cluster name or secret was refused.
/// Akka.Remote lets such a node associate at the transport level, then drops every message it
/// addresses to its own system name (the cluster name plus a digest of the secret), logging an
/// error for each: the node retries forever and the node it tries to join logs an error every
/// few seconds. Here:
/// <list type="bullet">
/// <item>The joined side reports each inbound association from another system name once
/// (<c>node ADDRESS was refused: ...</c>) and keeps the dropped messages of such nodes out of its log.</item>
/// <item>The joining side asks each seed for an <see cref="ActorIdentity"/> under its own system
/// name: a seed of the same name and secret answers at once. A seed that is associated with at the
/// transport level but does not answer within <see cref="ClusterConfig.AdmissionWaitS"/> belongs
/// to another cluster: <see cref="Refusal"/> completes with one line saying so. A seed nothing
/// answers at is reported once after the same wait, and the node goes on trying.</item>
/// </list>
/// A seed of the same name and secret that knows itself by another host name than the one dialled
/// (e.g. started with --host myhost, reached as 10.0.0.5) drops the messages too, and looks the
/// same from the joining side; its own log then names both addresses (Akka's non-local recipient error).
/// </summary>
public sealed class ClusterAdmission : IExtension
{
    private readonly TaskCompletionSource<string> _refusal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string? _unanswered;

    private ClusterAdmission()
    {
    }

    /// <summary>Completes with a one-line message when the seeds refuse this node; never completes otherwise.</summary>
    public Task<string> Refusal => _refusal.Task;

    /// <summary>The seeds nothing answered at within the wait (host:port, ...), or null.</summary>
    public string? Unanswered => _unanswered;

    /// <summary>
    /// Creates a node's ActorSystem from <paramref name="config"/> (normally <see cref="ClusterConfig.ToConfig"/>)
    /// with this watch installed before it starts joining its seed nodes.
    /// </summary>
    /// <param name="report">Receives one line per refused node, and the line about seeds nothing answers at.</param>
    public static ActorSystem CreateSystem(ClusterConfig node, Config config, Action<string> report)
    {
        var seeds = config.GetStringList("akka.cluster.seed-nodes").Select(Address.Parse).ToList();
        // Akka would start joining while the system is created; the watch must see the first association.
        var system = ActorSystem.Create(node.SystemName, Setup(node.SystemName, ConfigurationFactory.ParseString("akka.cluster.seed-nodes = []").WithFallback(config)));
        Start(system, seeds, TimeSpan.FromSeconds(node.AdmissionWaitS), report);
        if (seeds.Count > 0) Akka.Cluster.Cluster.Get(system).JoinSeedNodes(seeds);
        return system;
    }

    /// <summary>
    /// Settings of a node's ActorSystem: <paramref name="config"/>, and a log filter that drops what Akka logs about
    /// nodes of another system name: an error for each message of theirs it drops, and one when they go away.
    /// </summary>
    public static ActorSystemSetup Setup(string systemName, Config config)
    {
        string own = Regex.Escape(Uri.EscapeDataString(systemName));
        var foreignRecipient = new Regex(@"for non-local recipient \[\[akka(\.[a-z]+)?://(?!" + Regex.Escape(systemName) + "@)", RegexOptions.CultureInvariant);
        // The endpoint actors of an association are named after the remote address, URL-encoded.
        var foreignEndpoint = new Regex(@"/endpointManager/(reliableEndpointWriter|endpointWriter)-akka(\.[a-z]+)?%3A%2F%2F(?!" + own + "%40)", RegexOptions.CultureInvariant);
        return BootstrapSetup.Create().WithConfig(config).And(new LogFilterBuilder().ExcludeMessageRegex(foreignRecipient).ExcludeSourceRegex(foreignEndpoint).Build());
    }

    /// <summary>Installs the watch on <paramref name="system"/>; call it before the node joins <paramref name="seeds"/>.</summary>
    public static ClusterAdmission Start(ActorSystem system, IReadOnlyList<Address> seeds, TimeSpan wait, Action<string> report)
    {
        var admission = new ClusterAdmission();
        if (system.RegisterExtension(new Id(admission)) is not ClusterAdmission registered || registered != admission)
            throw new InvalidOperationException("the admission watch is already installed on this system");
        var guard = ((ExtendedActorSystem)system).SystemActorOf(Props.Create(() => new Guard(admission, seeds, wait, report)), "computesched-admission");
        // Subscribed before joining starts, so that no association goes unseen.
        system.EventStream.Subscribe(guard, typeof(AssociatedEvent));
        return admission;
    }

    /// <summary>The watch installed on <paramref name="system"/>, or null.</summary>
    public static ClusterAdmission? Of(ActorSystem system) => system.HasExtension<ClusterAdmission>() ? system.GetExtension<ClusterAdmission>() : null;

    private sealed class Id(ClusterAdmission admission) : ExtensionIdProvider<ClusterAdmission>
    {
        public override ClusterAdmission CreateExtension(ExtendedActorSystem system) => admission;
    }

    private sealed class Guard : ReceiveActor, IWithTimers
    {
        private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(500);
        private const string ProbeTimer = "probe";
        private readonly ClusterAdmission _admission;
        private readonly List<Address> _seeds;
        private readonly TimeSpan _wait;
        private readonly Action<string> _report;
        private readonly Stopwatch _started = Stopwatch.StartNew();
        private readonly TimeSpan?[] _associatedAt;
        private readonly HashSet<Address> _refused = new();
        private bool _joining = true;

        public Guard(ClusterAdmission admission, IReadOnlyList<Address> seeds, TimeSpan wait, Action<string> report)
        {
            _admission = admission;
            var self = Akka.Cluster.Cluster.Get(Context.System).SelfAddress;
            _seeds = seeds.Where(s => !SameEndpoint(s, self)).ToList();
            _associatedAt = new TimeSpan?[_seeds.Count];
            _wait = wait;
            _report = report;
            Receive<AssociatedEvent>(OnAssociated);
            Receive<ActorIdentity>(OnIdentity);
            Receive<Probe>(_ => OnProbe());
            Receive<Joined>(_ => StopJoining());
        }

        public ITimerScheduler Timers { get; set; } = null!;

        protected override void PreStart()
        {
            if (_seeds.Count == 0)
            {
                _joining = false;
                return;
            }
            var self = Self;
            Akka.Cluster.Cluster.Get(Context.System).RegisterOnMemberUp(() => self.Tell(Joined.Instance));
            Timers.StartPeriodicTimer(ProbeTimer, Probe.Instance, TimeSpan.Zero, ProbeInterval);
        }

        private void OnAssociated(AssociatedEvent e)
        {
            if (e.IsInbound)
            {
                if (e.RemoteAddress.System != Context.System.Name && _refused.Add(e.RemoteAddress))
                    _report($"node {e.RemoteAddress} was refused: its cluster name or secret does not match this cluster's");
                return;
            }
            int i = _seeds.FindIndex(s => SameEndpoint(s, e.RemoteAddress));
            if (i >= 0) _associatedAt[i] ??= _started.Elapsed;
        }

        private void OnIdentity(ActorIdentity id)
        {
            // Dead letters answer for a seed that cannot be reached, with no subject: only a seed's own guardian counts.
            if (id.MessageId is int i && i < _seeds.Count && id.Subject is { } guardian && SameEndpoint(guardian.Path.Address, _seeds[i]))
                StopJoining();
        }

        private void OnProbe()
        {
            if (!_joining) return;
            // The system guardian of a seed of this cluster answers, whether the seed is up in the cluster yet or not.
            for (int i = 0; i < _seeds.Count; i++)
                Context.System.ActorSelection(new RootActorPath(_seeds[i]) / "system").Tell(new Identify(i), Self);
            var now = _started.Elapsed;
            var foreign = _seeds.Where((_, i) => _associatedAt[i] is { } at && now - at >= _wait).ToList();
            if (foreign.Count > 0)
            {
                StopJoining();
                string which = string.Join(", ", foreign.Select(Endpoint));
                _admission._refusal.TrySetResult(foreign.Count == 1
                    ? $"the seed node at {which} refused this node: its cluster name or secret does not match this node's (--cluster-name, --cluster-secret)"
                    : $"the seed nodes at {which} refused this node: their cluster name or secret does not match this node's (--cluster-name, --cluster-secret)");
                return;
            }
            if (_admission._unanswered is null && now >= _wait && _associatedAt.All(a => a is null))
            {
                _admission._unanswered = string.Join(", ", _seeds.Select(Endpoint));
                _report($"no node answers at {_admission._unanswered} (--seed-nodes) yet; still trying");
            }
        }

        private void StopJoining()
        {
            _joining = false;
            Timers.Cancel(ProbeTimer);
        }

        private static bool SameEndpoint(Address a, Address b) => a.Host == b.Host && a.Port == b.Port;

        private static string Endpoint(Address a) => $"{a.Host}:{a.Port}";
    }

    private sealed class Probe
    {
        public static readonly Probe Instance = new();
    }

    private sealed class Joined
    {
        public static readonly Joined Instance = new();
    }
}
