using ComputeScheduler.Reports.Host;

namespace ComputeScheduler.Reports.Results;

/// <summary>run.json: what may differ between identical runs (wall time, speed, host), and what identifies the inputs.</summary>
public sealed record RunInfo(
    string ScenarioSha256,
    int Seed,
    string SoftwareVersion,
    string Mode,
    double WallSeconds,
    long Events,
    long Jobs,
    long Windows,
    long Messages,
    HostFactsStandInForHardwareInfo Host)
{
    public double EventsPerSecond => WallSeconds > 0 ? Events / WallSeconds : 0;
    public double JobsPerSecond => WallSeconds > 0 ? Jobs / WallSeconds : 0;

    public void Write(Stream stream)
    {
        using var w = new System.Text.Json.Utf8JsonWriter(stream, new System.Text.Json.JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("scenarioSha256", ScenarioSha256);
        w.WriteNumber("seed", Seed);
        w.WriteString("softwareVersion", SoftwareVersion);
        w.WriteString("mode", Mode);
        w.WriteNumber("wallSeconds", Math.Round(WallSeconds, 3));
        w.WriteNumber("events", Events);
        w.WriteNumber("eventsPerSecond", Math.Round(EventsPerSecond));
        w.WriteNumber("jobs", Jobs);
        w.WriteNumber("jobsPerSecond", Math.Round(JobsPerSecond));
        w.WriteNumber("windows", Windows);
        w.WriteNumber("actorMessages", Messages);
        w.WriteStartObject("host");
        w.WriteString("cpuModel", Host.CpuModel);
        w.WriteNumber("logicalCores", Host.LogicalCores);
        w.WriteNumber("memoryGib", Host.MemoryGib);
        w.WriteString("os", Host.Os);
        w.WriteString("dotnetRuntime", Host.DotnetRuntime);
        w.WriteString("machineName", Host.MachineName);
        w.WriteEndObject();
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }
}
