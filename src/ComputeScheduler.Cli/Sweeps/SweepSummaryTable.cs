using System.Globalization;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Reports.Statistics;
using ComputeScheduler.Reports.Sweeps;
using Spectre.Console;

namespace ComputeScheduler.Cli.Sweeps;

/// <summary>The sweep's cells at a glance: a few headline metrics as mean ± half the 95 % CI over the seeds.</summary>
internal static class SweepSummaryTable
{
    private static readonly (string Metric, string Heading, double Scale)[] Shown =
    [
        ("wait_mean_h", "wait h", 1), ("wait_p95_h", "p95 h", 1), ("jct_mean_h", "JCT h", 1), ("utilisation", "util %", 100), ("cost_million_cny", "M CNY", 1),
    ];

    public static void Show(IAnsiConsole console, SweepPlan plan, IReadOnlyList<SweepCellSummary> summaries)
    {
        var byId = summaries.ToDictionary(c => c.Cell, StringComparer.Ordinal);
        var finished = plan.Cells.Select(c => byId[c.Id]).ToList();
        bool sameRuns = finished.Select(f => f.Runs).Distinct().Count() == 1;
        var varying = plan.Spec.Varying;
        string Label(SweepCell cell) => varying.Count == 0 ? cell.Id : string.Join('\n', varying.Select(i => cell.Values[i].Label));
        var table = new Table().Border(TableBorder.Simple).AddColumn(new TableColumn("cell").NoWrap().Padding(0, 0, 1, 0));
        if (!sameRuns) table.AddColumn(Column("runs"));
        foreach (var (_, heading, _) in Shown) table.AddColumn(Column(heading));
        // The varying parameters' values one above the other, and narrow padding: a cell's name and five intervals fit 80 columns.
        for (int c = 0; c < plan.Cells.Count; c++)
        {
            var summary = finished[c];
            var cells = new List<string> { Markup.Escape(Label(plan.Cells[c])) };
            if (!sameRuns) cells.Add(summary.Runs.ToString(CultureInfo.InvariantCulture));
            foreach (var (name, _, scale) in Shown)
            {
                var ci = summary.Metrics[HeadlineMetrics.IndexOf(name)];
                cells.Add(ci.Count == 0 ? "-" : ci.Count == 1 ? Format(ci.Mean * scale) : $"{Format(ci.Mean * scale)}±{Half((ci.High - ci.Mean) * scale)}");
            }
            table.AddRow(cells.ToArray());
        }
        console.Write(table);
        string runs = sameRuns ? $"{finished[0].Runs.ToString(CultureInfo.InvariantCulture)} run(s) per cell: " : "";
        console.WriteLine($"{runs}mean over the seeds ± half its 95 % confidence interval (Student t); p95 h: 95th percentile wait; M CNY: full cost; every metric in sweep-summary.csv");
    }

    private static TableColumn Column(string heading) => new TableColumn(heading).RightAligned().NoWrap().Padding(1, 0, 0, 0);

    /// <summary>Half an interval: two significant digits are all it tells.</summary>
    private static string Half(double v)
        => v.ToString(Math.Abs(v) >= 10 ? "0" : Math.Abs(v) >= 1 ? "0.0" : "0.00", CultureInfo.InvariantCulture);

    private static string Format(double v)
        => v.ToString(Math.Abs(v) >= 100 ? "N0" : Math.Abs(v) >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);
}
