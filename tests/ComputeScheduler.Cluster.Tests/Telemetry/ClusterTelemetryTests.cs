using System.Diagnostics;
using Akka.TestKit.Xunit2;
using ComputeScheduler.Cluster.Serialization;
using ComputeScheduler.Cluster.Telemetry;
using ComputeScheduler.Cluster.Tests.Sharding;
using ComputeScheduler.Scheduling;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ComputeScheduler.Simulation.National;

namespace ComputeScheduler.Cluster.Tests.Telemetry;

/// <summary>A cluster run (coordinator + 2 workers over loopback) under an in-memory exporter; runs alone.</summary>
[Collection(nameof(TelemetryCollection))]
public class ClusterTelemetryTests : TestKit
{
    public ClusterTelemetryTests() : base(LoopbackWorkers.Config(LoopbackWorkers.Node(ClusterConfig.CoordinatorRole)), ClusterConfig.DefaultClusterName)
        => Akka.Cluster.Cluster.Get(Sys).Join(Akka.Cluster.Cluster.Get(Sys).SelfAddress);

    [Fact]
    public async Task Telemetry_counts_messages_and_wire_bytes_per_window_of_a_cluster_run()
    {
        var metrics = new List<Metric>();
        var spans = new List<Activity>();
        var scenario = ClusterRunTests.FourCentres();
        var jobs = NationalRunTests.RandomJobs(400, seed: 4, target: null, centres: 4);
        await using var workers = await LoopbackWorkers.StartAsync(Sys, scenario, workers: 2);
        using (var meterProvider = Sdk.CreateMeterProviderBuilder().AddMeter(SimulatorTelemetry.Name).AddInMemoryExporter(metrics).Build())
        using (var tracerProvider = Sdk.CreateTracerProviderBuilder().AddSource(SimulatorTelemetry.Name).AddInMemoryExporter(spans).Build())
        {
            long bytesBefore = WireBytes.Total;
            var run = await ClusterRun.RunAsync(Sys, scenario, LoopbackWorkers.Recipe, jobs, PolicyRegistry.CreateBuiltIn(), minWorkers: 2, TimeSpan.FromSeconds(30));
            long bytesOfRun = WireBytes.Total - bytesBefore;

            meterProvider.ForceFlush();
            Assert.Equal(run.Windows, Histogram(metrics, "computesched.window.messages").Count);
            // Each window: 1 dispatch request + 1 reply + 4 AdvanceTo + 4 reports.
            Assert.Equal(run.Windows * (2 + 2 * 4), Histogram(metrics, "computesched.window.messages").Sum);
            var bytes = Histogram(metrics, "computesched.window.bytes");
            Assert.Equal(run.Windows, bytes.Count);
            // The windows' bytes are the run's but for the opening and closing exchanges, which are not in a window.
            Assert.InRange(bytes.Sum, 1, bytesOfRun - 1);
            Assert.Equal(WireBytes.Total, Points(metrics, "computesched.actor.bytes").Sum(p => p.GetSumLong()));
        }
        Assert.Contains(spans, s => s.DisplayName == "computesched.cluster.wait-for-workers");
        var runSpan = Assert.Single(spans, s => s.DisplayName == "computesched.run");
        Assert.Equal("cluster", runSpan.GetTagItem("mode"));
    }

    private static IEnumerable<MetricPoint> Points(List<Metric> metrics, string name)
    {
        var metric = metrics.Last(m => m.Name == name);
        foreach (ref readonly var point in metric.GetMetricPoints()) yield return point;
    }

    private static (long Count, double Sum) Histogram(List<Metric> metrics, string name)
        => (Points(metrics, name).Sum(p => p.GetHistogramCount()), Points(metrics, name).Sum(p => p.GetHistogramSum()));
}
