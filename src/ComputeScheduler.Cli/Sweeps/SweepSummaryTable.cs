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

    public static void Show(IAnsiConsole console, SweepPlan plan, IReadOnlyList<SweepRunRow> rows)
    {
        var finished = plan.Cells.Select(c => rows.Where(r => r.Cell == c.Id && r.Metrics is not null).ToList()).ToList();
        bool sameRuns = finished.Select(f => f.Count).Distinct().Count() == 1;
        var varying = plan.Spec.Parameters.Select((p, i) => (p, i)).Where(x => x.p.Values.Count > 1).Select(x => x.i).ToList();
        string Label(SweepCell cell) => varying.Count == 0 ? cell.Id : string.Join('\n', varying.Select(i => cell.Values[i].Label));
        var table = new Table().Border(TableBorder.Simple).AddColumn(new TableColumn("cell").NoWrap().Padding(0, 0, 1, 0));
        if (!sameRuns) table.AddColumn(Column("runs"));
        foreach (var (_, heading, _) in Shown) table.AddColumn(Column(heading));
        // The varying parameters' values one above the other, and narrow padding: a cell's name and five intervals fit 80 columns.
        for (int c = 0; c < plan.Cells.Count; c++)
        {
            var cell = plan.Cells[c];
            var done = finished[c];
            var cells = new List<string> { Markup.Escape(Label(cell)) };
            if (!sameRuns) cells.Add(done.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var (name, _, scale) in Shown)
            {
                int i = HeadlineMetrics.IndexOf(name);
                var ci = MeanInterval.Of([.. done.Select(r => r.Metrics![i] * scale)]);
                cells.Add(ci.Count == 0 ? "-" : ci.Count == 1 ? Format(ci.Mean) : $"{Format(ci.Mean)}±{Half(ci.High - ci.Mean)}");
            }
            table.AddRow(cells.ToArray());
        }
        console.Write(table);
        string runs = sameRuns ? $"{finished[0].Count.ToString(CultureInfo.InvariantCulture)} run(s) per cell: " : "";
        console.WriteLine($"{runs}mean over the seeds ± half its 95 % confidence interval (Student t); p95 h: 95th percentile wait; M CNY: full cost; every metric in sweep-summary.csv");
    }

    private static TableColumn Column(string heading) => new TableColumn(heading).RightAligned().NoWrap().Padding(1, 0, 0, 0);

    /// <summary>Half an interval: two significant digits are all it tells.</summary>
    private static string Half(double v)
        => v.ToString(Math.Abs(v) >= 10 ? "0" : Math.Abs(v) >= 1 ? "0.0" : "0.00", CultureInfo.InvariantCulture);

    private static string Format(double v)
        => v.ToString(Math.Abs(v) >= 100 ? "N0" : Math.Abs(v) >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);
}
