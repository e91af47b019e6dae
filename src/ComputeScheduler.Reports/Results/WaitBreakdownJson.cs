using System.Text.Json;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Reports.Results;

/// <summary>The "waits" object of summary.json (docs/results.md, "summary.json: waits").</summary>
internal static class WaitBreakdownJson
{
    public static void Write(Utf8JsonWriter w, WaitBreakdown b)
    {
        w.WriteStartObject("waits");
        SummaryJson.WriteDistribution(w, "queuedS", b.QueuedS);
        WriteReasons(w, b.Reasons);
        w.WriteNumber("preemptions", b.Preemptions);
        w.WriteNumber("migrations", b.Migrations);
        WriteGroups(w, "byCentre", b.ByCentre);
        WriteGroups(w, "byRegion", b.ByRegion);
        WriteGroups(w, "byClass", b.ByClass);
        w.WriteStartObject("latencyLimit");
        WriteAttainment(w, b.Latency);
        w.WriteStartArray("byDemandRegion");
        foreach (var l in b.LatencyByDemandRegion)
        {
            w.WriteStartObject();
            w.WriteString("demandRegion", l.Name);
            WriteAttainment(w, l);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteAttainment(Utf8JsonWriter w, LatencyAttainment l)
    {
        w.WriteNumber("jobs", l.Jobs);
        w.WriteNumber("withinLimit", l.WithinLimit);
        SummaryJson.Num(w, "attainment", l.Share);
        w.WriteNumber("startedWithinLimit", l.StartedWithinLimit);
        SummaryJson.Num(w, "startedAttainment", l.StartedShare);
    }

    private static void WriteGroups(Utf8JsonWriter w, string name, IReadOnlyList<GroupMetrics> groups)
    {
        w.WriteStartArray(name);
        foreach (var g in groups)
        {
            w.WriteStartObject();
            w.WriteString("name", g.Name);
            if (g.Region is { } region) w.WriteString("region", region);
            w.WriteNumber("jobs", g.Jobs);
            SummaryJson.WriteDistribution(w, "waitS", g.WaitS);
            SummaryJson.WriteDistribution(w, "jctS", g.JctS);
            SummaryJson.WriteDistribution(w, "queuedS", g.QueuedS);
            WriteReasons(w, g.Reasons);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>Per reason: seconds summed over the finished jobs and the share of all their waiting.</summary>
    private static void WriteReasons(Utf8JsonWriter w, WaitReasonTotals totals)
    {
        w.WriteStartObject("reasons");
        foreach (var r in WaitReasons.All)
        {
            w.WriteStartObject(WaitReasons.Name(r));
            SummaryJson.Num(w, "seconds", totals.Seconds[(int)r]);
            SummaryJson.Num(w, "share", totals.Share(r));
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }
}
