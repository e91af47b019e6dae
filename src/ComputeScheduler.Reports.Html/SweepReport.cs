using System.Globalization;
using ComputeScheduler.Reports.Html.Charts;
using ComputeScheduler.Reports.Html.Data;

namespace ComputeScheduler.Reports.Html;

/// <summary>The report of a sweep: for every metric of sweep-summary.csv a chart against each swept parameter, and the summary as a table.</summary>
public static class SweepReport
{
    public static ReportPage Build(SweepResults sweep)
    {
        var charts = new List<Chart>();
        foreach (var metric in sweep.Metrics)
            for (int p = 0; p < sweep.Parameters.Count; p++)
                charts.Add(SweepMetricChart.Of(sweep, metric, p));
        var notes = new List<string>();
        if (sweep.Parameters.Count == 0) notes.Add("sweep.json names no swept parameter: there is nothing to plot against.");
        if (sweep.Metrics.Count == 0) notes.Add("sweep-summary.csv has no metric columns (NAME_mean): there is nothing to plot.");
        var ci = CultureInfo.InvariantCulture;
        var headline = new PageTable("Sweep (sweep.json)", ["field", "value"],
        [
            ["name", sweep.Name],
            ["swept parameters", string.Join(", ", sweep.Parameters)],
            ["seeds", string.Join(", ", sweep.Seeds.Select(s => s.ToString(ci)))],
            ["cells", sweep.Cells.ToString(ci)],
            ["metrics", sweep.Metrics.Count.ToString(ci)],
        ]);
        return new ReportPage(
            $"Sweep report: {sweep.Name}",
            "Sweep folder " + Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(sweep.Folder))) + ".",
            headline, notes, charts,
            [new PageTable("sweep-summary.csv", sweep.Header, sweep.Rows.Select(r => (IReadOnlyList<string>)r).ToList())]);
    }
}
