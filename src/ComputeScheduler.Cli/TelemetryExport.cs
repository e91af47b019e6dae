using ComputeScheduler.Cluster.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ComputeScheduler.Cli;

/// <summary>Subscribes OpenTelemetry exporters to the simulator's own telemetry for one command (--otel).</summary>
internal sealed class TelemetryExport : IDisposable
{
    public const string None = "none";
    public const string Console = "console";
    public const string Otlp = "otlp";

    private readonly TracerProvider? _tracer;
    private readonly MeterProvider? _meter;

    private TelemetryExport(TracerProvider? tracer, MeterProvider? meter)
    {
        _tracer = tracer;
        _meter = meter;
    }

    public static TelemetryExport Start(string mode, Uri? endpoint)
    {
        if (mode == None) return new TelemetryExport(null, null);
        var traces = Sdk.CreateTracerProviderBuilder().AddSource(SimulatorTelemetry.Name);
        var metrics = Sdk.CreateMeterProviderBuilder().AddMeter(SimulatorTelemetry.Name);
        if (mode == Console)
        {
            traces.AddConsoleExporter();
            metrics.AddConsoleExporter();
        }
        else
        {
            traces.AddOtlpExporter(o => { if (endpoint is not null) o.Endpoint = endpoint; });
            metrics.AddOtlpExporter(o => { if (endpoint is not null) o.Endpoint = endpoint; });
        }
        return new TelemetryExport(traces.Build(), metrics.Build());
    }

    /// <summary>Flushes and stops the exporters (metrics are exported at the latest here).</summary>
    public void Dispose()
    {
        _meter?.Dispose();
        _tracer?.Dispose();
    }
}
