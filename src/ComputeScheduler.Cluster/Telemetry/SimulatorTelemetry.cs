using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ComputeScheduler.Cluster.Telemetry;

/// <summary>
/// The simulator's own telemetry (wall-clock cost of the machinery, never simulated-time
/// results): OpenTelemetry-compatible <see cref="Meter"/> and <see cref="ActivitySource"/> named
/// <see cref="Name"/>. Nothing is exported unless a provider subscribes (the CLI's --otel).
/// </summary>
public static class SimulatorTelemetry
{
    public const string Name = "ComputeScheduler";

    public static readonly ActivitySource Activities = new(Name, Version);

    public static readonly Meter Meter = new(Name, Version);

    /// <summary>The span of one run, tagged with its scenario, seed, centres and, when given, how it is hosted.</summary>
    public static Activity? StartRun(Model.Scenarios.Scenario scenario, string? mode = null)
    {
        var activity = Activities.StartActivity("computesched.run");
        activity?.SetTag("scenario", scenario.Name);
        activity?.SetTag("seed", scenario.Seed);
        activity?.SetTag("centres", scenario.Centres.Count);
        if (mode is not null) activity?.SetTag("mode", mode);
        return activity;
    }

    /// <summary>Conservative windows completed.</summary>
    public static readonly Counter<long> Windows = Meter.CreateCounter<long>("computesched.windows", "{window}", "Conservative windows completed");

    /// <summary>Actor messages sent and received by the run coordinator.</summary>
    public static readonly Counter<long> Messages = Meter.CreateCounter<long>("computesched.actor.messages", "{message}", "Actor messages sent and received by the run coordinator");

    /// <summary>Engine events processed, tagged with the centre; its rate is events/s per centre.</summary>
    public static readonly Counter<long> Events = Meter.CreateCounter<long>("computesched.engine.events", "{event}", "Engine events processed, per centre");

    /// <summary>Wall time of one window: dispatch round plus the centres' advance.</summary>
    public static readonly Histogram<double> WindowDuration = Meter.CreateHistogram<double>("computesched.window.duration", "ms", "Wall time per window");

    /// <summary>Wall time the coordinator spent waiting for the dispatcher and the centres.</summary>
    public static readonly Counter<double> CoordinatorIdle = Meter.CreateCounter<double>("computesched.coordinator.idle", "ms", "Wall time the coordinator waited for replies");

    /// <summary>Jobs that left the system (finished or rejected).</summary>
    public static readonly Counter<long> JobsDone = Meter.CreateCounter<long>("computesched.jobs.done", "{job}", "Jobs finished or rejected");

    /// <summary>Coordinator messages per window (its sends and receives).</summary>
    public static readonly Histogram<long> WindowMessages = Meter.CreateHistogram<long>("computesched.window.messages", "{message}", "Coordinator messages per window");

    /// <summary>Window-protocol bytes this process serialized and deserialized during a window (0 in one process).</summary>
    public static readonly Histogram<long> WindowBytes = Meter.CreateHistogram<long>("computesched.window.bytes", "By", "Window-protocol bytes on the wire per window");

    /// <summary>Window-protocol bytes this process wrote and read, tagged direction = written | read.</summary>
    public static readonly ObservableCounter<long> WireBytes = Meter.CreateObservableCounter("computesched.actor.bytes", () => new[]
    {
        new Measurement<long>(Serialization.WireBytes.Written, new KeyValuePair<string, object?>("direction", "written")),
        new Measurement<long>(Serialization.WireBytes.Read, new KeyValuePair<string, object?>("direction", "read")),
    }, "By", "Window-protocol bytes serialized and deserialized by this process");

    /// <summary>Worker nodes found unreachable and downed during a cluster run.</summary>
    public static readonly Counter<long> NodesLost = Meter.CreateCounter<long>("computesched.cluster.nodes_lost", "{node}", "Worker nodes found unreachable and downed");

    /// <summary>Centres rebuilt from their input log on another node.</summary>
    public static readonly Counter<long> CentresRestored = Meter.CreateCounter<long>("computesched.cluster.centres_restored", "{centre}", "Centres rebuilt from their input log after a node was lost");

    private static string Version => typeof(SimulatorTelemetry).Assembly.GetName().Version?.ToString() ?? "0";
}
