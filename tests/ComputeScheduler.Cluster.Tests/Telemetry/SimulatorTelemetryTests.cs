using System.Diagnostics;
using ComputeScheduler.Cluster.Telemetry;
using ComputeScheduler.Model.Ids;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Testing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using static ComputeScheduler.Testing.ScenarioBuilder;

namespace ComputeScheduler.Cluster.Tests.Telemetry;

[CollectionDefinition(nameof(TelemetryCollection), DisableParallelization = true)]
public sealed class TelemetryCollection;

/// <summary>Runs alone (the meter is process-wide), so the counts are this run's.</summary>
[Collection(nameof(TelemetryCollection))]
public class SimulatorTelemetryTests
{
    [Fact]
    public async Task Telemetry_counts_the_windows_messages_events_and_jobs_the_run_reports()
    {
        var metrics = new List<Metric>();
        var spans = new List<Activity>();
        using (var meterProvider = Sdk.CreateMeterProviderBuilder().AddMeter(SimulatorTelemetry.Name).AddInMemoryExporter(metrics).Build())
        using (var tracerProvider = Sdk.CreateTracerProviderBuilder().AddSource(SimulatorTelemetry.Name).AddInMemoryExporter(spans).Build())
        {
            var scenario = new ScenarioBuilder().WithCentre("a", "east", (RefServer, 2)).WithCentre("b", "west", (DomServer, 2)).Build();
            var jobs = Enumerable.Range(0, 300).Select(i => Job(i, i * 37.0, 1 + i % 8, 600, target: i % 5 == 0 ? new CentreId(1) : null)).ToList();

            var run = await NationalRun.RunAsync(scenario, jobs, PolicyRegistry.CreateBuiltIn());

            meterProvider.ForceFlush();
            Assert.Equal(run.Windows, LongSum(metrics, "computesched.windows"));
            Assert.Equal(run.Messages, LongSum(metrics, "computesched.actor.messages"));
            Assert.Equal(run.Events, LongSum(metrics, "computesched.engine.events"));
            Assert.Equal(300, LongSum(metrics, "computesched.jobs.done"));
            Assert.Equal(2, CentreTags(metrics, "computesched.engine.events"));
            Assert.Equal(run.Windows, HistogramCount(metrics, "computesched.window.duration"));
            Assert.True(DoubleSum(metrics, "computesched.coordinator.idle") > 0);
        }
        var runSpan = Assert.Single(spans, s => s.DisplayName == "computesched.run");
        Assert.Equal("test", runSpan.GetTagItem("scenario"));
    }

    private static IEnumerable<MetricPoint> Points(List<Metric> metrics, string name)
    {
        // The in-memory exporter keeps every export; cumulative temporality: the last export is the total.
        var metric = metrics.Last(m => m.Name == name);
        foreach (ref readonly var point in metric.GetMetricPoints()) yield return point;
    }

    private static long LongSum(List<Metric> metrics, string name) => Points(metrics, name).Sum(p => p.GetSumLong());
    private static double DoubleSum(List<Metric> metrics, string name) => Points(metrics, name).Sum(p => p.GetSumDouble());
    private static long HistogramCount(List<Metric> metrics, string name) => Points(metrics, name).Sum(p => p.GetHistogramCount());

    private static int CentreTags(List<Metric> metrics, string name)
        => Points(metrics, name).Select(p => { foreach (var tag in p.Tags) if (tag.Key == "centre") return tag.Value; return null; }).Distinct().Count();
}
