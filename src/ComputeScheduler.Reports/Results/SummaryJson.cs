using System.Text.Json;

namespace ComputeScheduler.Reports.Results;

/// <summary>summary.json: fixed field order, culture-free numbers rounded to 6 decimals.</summary>
public static class SummaryJson
{
    public static void Write(Stream stream, RunSummary s)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("scenario", s.Scenario);
        w.WriteNumber("seed", s.Seed);
        w.WriteStartObject("policies");
        w.WriteString("dispatch", s.DispatchPolicy);
        w.WriteString("queueOrder", s.QueueOrderPolicy);
        w.WriteString("placement", s.PlacementPolicy);
        w.WriteEndObject();
        if (s.Overrides.Count > 0)
        {
            w.WriteStartObject("overrides");
            foreach (var (path, value) in s.Overrides) w.WriteString(path, value);
            w.WriteEndObject();
        }
        if (s.WorkloadSha256 is { } workload) w.WriteString("workloadSha256", workload);
        w.WriteStartObject("jobs");
        w.WriteNumber("submitted", s.JobsSubmitted);
        w.WriteNumber("finished", s.JobsFinished);
        w.WriteNumber("rejected", s.JobsRejected);
        w.WriteStartObject("rejectReasons");
        foreach (var (reason, count) in s.RejectReasons) w.WriteNumber(reason, count);
        w.WriteEndObject();
        w.WriteEndObject();
        WriteDistribution(w, "waitS", s.WaitS);
        WriteDistribution(w, "jctS", s.JctS);
        Num(w, "makespanS", s.MakespanS);
        w.WriteNumber("events", s.Events);
        Num(w, "energyKwh", s.EnergyKwh);
        Num(w, "costCny", s.CostCny);
        Num(w, "carbonKg", s.CarbonKg);
        Num(w, "chipUtilisation", PoolUtilisation.Of(s.Utilisation));
        w.WriteStartArray("utilisation");
        foreach (var u in s.Utilisation)
        {
            w.WriteStartObject();
            w.WriteString("centre", u.Centre);
            w.WriteString("chipModel", u.ChipModel);
            w.WriteNumber("chips", u.Chips);
            Num(w, "busyChipHours", u.BusyChipHours);
            Num(w, "utilisation", u.Utilisation);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("centres");
        foreach (var c in s.Centres)
        {
            w.WriteStartObject();
            w.WriteString("centre", c.Centre);
            w.WriteNumber("jobsFinished", c.JobsFinished);
            Num(w, "energyKwh", c.EnergyKwh);
            Num(w, "costCny", c.CostCny);
            Num(w, "carbonKg", c.CarbonKg);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("wanTransfers");
        foreach (var t in s.WanTransfers)
        {
            w.WriteStartObject();
            w.WriteString("from", t.From);
            w.WriteString("to", t.To);
            w.WriteNumber("jobs", t.Jobs);
            Num(w, "gb", t.Gb);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (s.Cost is { } cost) CostJson.Write(w, cost);
        if (s.Waits is { } waits) WaitBreakdownJson.Write(w, waits);
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    internal static void WriteDistribution(Utf8JsonWriter w, string name, Distribution d)
    {
        w.WriteStartObject(name);
        Num(w, "mean", d.Mean);
        Num(w, "p50", d.P50);
        Num(w, "p95", d.P95);
        Num(w, "p99", d.P99);
        w.WriteEndObject();
    }

    internal static void Num(Utf8JsonWriter w, string name, double v)
        => w.WriteNumber(name, Math.Round(v, 6, MidpointRounding.ToEven));
}
