using System.Globalization;
using ComputeScheduler.Reports.Html.Charts;
using ComputeScheduler.Reports.Html.Data;

namespace ComputeScheduler.Reports.Html;

/// <summary>The report of a sweep: for every metric of sweep-summary.csv a chart against each swept parameter, and the summary as a table.</summary>
public static class SweepReport
{
    /// <summary>The metrics a reader looks for first: waits, completion times, utilisation, cost; the rest after them in the file's order.</summary>
    private static readonly string[] First = ["wait_mean_h", "wait_p95_h", "jct_mean_h", "jct_p95_h", "utilisation", "cost_million_cny", "energy_mwh", "carbon_t", "makespan_h"];

    private static int Rank(string metric) => Array.IndexOf(First, metric) is var i and >= 0 ? i : First.Length;

    public static ReportPage Build(SweepResults sweep)
    {
        var charts = new List<Chart>();
        // A parameter the sweep gave one value (a scenario file named once) would be a chart of one point.
        var varying = SweepMetricChart.Varying(sweep);
        if (varying.Count == 0) varying = [.. Enumerable.Range(0, sweep.Parameters.Count)];
        foreach (var metric in sweep.Metrics.OrderBy(m => Rank(m.Name)))
            foreach (int p in varying)
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
