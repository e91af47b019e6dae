using System.Globalization;
using ComputeScheduler.Reports.Html.Charts;
using ComputeScheduler.Reports.Html.Data;

namespace ComputeScheduler.Reports.Html;

/// <summary>The report of one run: headline numbers and the charts of its results folder.</summary>
public static class RunReport
{
    public static ReportPage Build(RunResults r)
    {
        var s = r.Summary;
        var charts = new List<Chart>
        {
            OverTimeCharts.UtilisationByCentre(r.Timeseries),
            OverTimeCharts.UtilisationByChipModel(r.Timeseries),
            OverTimeCharts.QueuedByCentre(r.Timeseries),
            CdfCharts.Wait(r.Jobs.WaitS),
            CdfCharts.Jct(r.Jobs.JctS),
            WaitReasonsChart.Of(s),
            CentreBarCharts.Energy(s),
            CentreBarCharts.Cost(s),
            CentreBarCharts.Carbon(s),
        };
        var notes = new List<string>();
        if (r.Map.Problem is null) charts.Add(CentreMapChart.Of(r.Map, s));
        else notes.Add("The map of centres is left out: " + r.Map.Problem);
        if (s.Waits.Count == 0) notes.Add("summary.json has no waits.byCentre: the wait-reason chart is empty.");

        var ci = CultureInfo.InvariantCulture;
        var rows = new List<IReadOnlyList<string>>
        {
            Row("scenario", s.Scenario),
            Row("seed", s.Seed.ToString(ci)),
            Row("policies (dispatch / queue order / placement)", $"{s.Dispatch} / {s.QueueOrder} / {s.Placement}"),
            Row("jobs submitted / finished / rejected", $"{s.Submitted.ToString("N0", ci)} / {s.Finished.ToString("N0", ci)} / {s.Rejected.ToString("N0", ci)}"),
            Row("wait mean / p95", $"{Duration(s.WaitMeanS)} / {Duration(s.WaitP95S)}"),
            Row("JCT mean / p95", $"{Duration(s.JctMeanS)} / {Duration(s.JctP95S)}"),
            Row("makespan", (s.MakespanS / 86_400).ToString("0.00", ci) + " days"),
            Row("utilisation (busy over in-service chip-hours)", (s.Utilisation * 100).ToString("0.0", ci) + " %"),
            Row("cost (full: capital, electricity, WAN)", (s.CostCny / 1e6).ToString("N2", ci) + " million CNY"),
            Row(s.FacilityCarbonKg is null ? "carbon (jobs)" : "carbon: jobs / whole facility", (s.CarbonKg / 1000).ToString("N1", ci) + " t CO2"
                + (s.FacilityCarbonKg is { } f ? " / " + (f / 1000).ToString("N1", ci) + " t CO2" : "")),
        };
        return new ReportPage(
            $"Run report: {s.Scenario}, seed {s.Seed.ToString(ci)}",
            "Results folder " + Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(r.Folder))) + " (files described in docs/results.md).",
            new PageTable("Headline numbers (summary.json)", ["metric", "value"], rows),
            notes, charts, []);
    }

    private static IReadOnlyList<string> Row(string name, string value) => [name, value];

    /// <summary>Seconds as "14.8 ms", "42 s", "12.5 min" or "3.20 h" (a wait of a request's flight is milliseconds, not "0 s").</summary>
    public static string Duration(double s)
    {
        var ci = CultureInfo.InvariantCulture;
        if (s > 0 && s < 0.99995) return (s * 1000).ToString("0.#", ci) + " ms";
        if (s < 120) return s.ToString("0.#", ci) + " s";
        if (s < 2 * 3600) return (s / 60).ToString("0.0", ci) + " min";
        return (s / 3600).ToString("N2", ci) + " h";
    }
}
