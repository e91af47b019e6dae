using System.Text.Json;

namespace ComputeScheduler.Reports.Results;

/// <summary>One headline metric of a run, named with its unit (<c>wait_p95_h</c>), read from summary.json.</summary>
/// <param name="Name">Column name in sweep.csv, sweep-summary.csv and compare's output.</param>
/// <param name="Description">What it is, for tables and reports.</param>
/// <param name="LowerIsBetter">True for waits, times, cost and carbon; false for jobs finished and utilisation.</param>
public sealed record HeadlineMetric(string Name, string Description, bool LowerIsBetter, Func<JsonElement, double> Read);

/// <summary>The headline metrics of a results folder, in <see cref="HeadlineMetrics.All"/>'s order.</summary>
/// <param name="WorkloadSha256">The fingerprint of the jobs the run was given (<see cref="WorkloadFingerprint"/>), or null for an older folder.</param>
public sealed record HeadlineValues(string Folder, string Scenario, int Seed, string Dispatch, string QueueOrder, string Placement,
    string? WorkloadSha256, IReadOnlyList<double> Values);

/// <summary>
/// The metrics sweeps summarise and compare sets side by side: jobs, waits, JCTs, makespan,
/// utilisation, energy, cost and carbon (the figures of summary.json, in hours, MWh, million
/// CNY and tonnes so a table reads at a glance).
/// </summary>
public static class HeadlineMetrics
{
    public static readonly IReadOnlyList<HeadlineMetric> All =
    [
        new("jobs_finished", "jobs finished", false, s => Get(s, "jobs", "finished")),
        new("jobs_rejected", "jobs rejected", true, s => Get(s, "jobs", "rejected")),
        new("wait_mean_h", "mean wait (h)", true, s => Get(s, "waitS", "mean") / 3600),
        new("wait_p50_h", "median wait (h)", true, s => Get(s, "waitS", "p50") / 3600),
        new("wait_p95_h", "95th percentile wait (h)", true, s => Get(s, "waitS", "p95") / 3600),
        new("wait_p99_h", "99th percentile wait (h)", true, s => Get(s, "waitS", "p99") / 3600),
        new("jct_mean_h", "mean job completion time (h)", true, s => Get(s, "jctS", "mean") / 3600),
        new("jct_p50_h", "median job completion time (h)", true, s => Get(s, "jctS", "p50") / 3600),
        new("jct_p95_h", "95th percentile job completion time (h)", true, s => Get(s, "jctS", "p95") / 3600),
        new("jct_p99_h", "99th percentile job completion time (h)", true, s => Get(s, "jctS", "p99") / 3600),
        new("makespan_h", "makespan (h)", true, s => Get(s, "makespanS") / 3600),
        new("utilisation", "chip utilisation (busy / in service)", false, Utilisation),
        new("energy_mwh", "jobs' energy (MWh)", true, s => Get(s, "energyKwh") / 1000),
        new("cost_million_cny", "full cost (million CNY)", true, s => Get(s, "costCny") / 1e6),
        new("carbon_t", "jobs' carbon (t CO2)", true, s => Get(s, "carbonKg") / 1000),
    ];

    /// <summary>Index of a metric in <see cref="All"/>, or -1.</summary>
    public static int IndexOf(string name)
    {
        for (int i = 0; i < All.Count; i++)
            if (All[i].Name == name) return i;
        return -1;
    }

    /// <summary>Reads a results folder's summary.json; a missing or malformed file throws <see cref="InvalidDataException"/> naming it.</summary>
    public static HeadlineValues Read(string folder)
    {
        string path = Path.Combine(folder, ResultFolder.Summary);
        if (!File.Exists(path)) throw new InvalidDataException($"{folder}: expected a results folder (with {ResultFolder.Summary}), found none");
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var s = doc.RootElement;
            var p = s.GetProperty("policies");
            string? workload = s.TryGetProperty("workloadSha256", out var w) ? w.GetString() : null;
            return new HeadlineValues(folder, s.GetProperty("scenario").GetString() ?? "", s.GetProperty("seed").GetInt32(),
                p.GetProperty("dispatch").GetString() ?? "", p.GetProperty("queueOrder").GetString() ?? "", p.GetProperty("placement").GetString() ?? "",
                workload, [.. All.Select(m => m.Read(s))]);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: expected the summary.json of a run, got one that cannot be read ({e.Message.Split('\n')[0]})");
        }
    }

    /// <summary>summary.json's chipUtilisation; for a folder written before it existed, busy over in-service chip-hours recovered from the pools' figures.</summary>
    private static double Utilisation(JsonElement s)
    {
        if (s.TryGetProperty("chipUtilisation", out var u)) return u.GetDouble();
        double makespanS = Get(s, "makespanS");
        return PoolUtilisation.Of(s.GetProperty("utilisation").EnumerateArray().Select(p =>
        {
            int chips = p.GetProperty("chips").GetInt32();
            double busy = p.GetProperty("busyChipHours").GetDouble();
            return new PoolUtilisation("", "", chips, busy, 0)
            {
                ChipHoursInService = PoolUtilisation.ChipHoursFromShare(chips, busy, p.GetProperty("utilisation").GetDouble(), makespanS),
            };
        }));
    }

    private static double Get(JsonElement s, params string[] path)
    {
        foreach (string key in path) s = s.GetProperty(key);
        return s.GetDouble();
    }
}
