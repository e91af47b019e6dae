using System.Globalization;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Reports.Sweeps;
using Spectre.Console;

namespace ComputeScheduler.Cli.Sweeps;

/// <summary>The sweep's cells at a glance: a few headline metrics as mean ± half the 95 % CI over the seeds.</summary>
internal static class SweepSummaryTable
{
    private static readonly (string Metric, string Heading, double Scale)[] Shown =
    [
        ("wait_mean_h", "wait h", 1), ("wait_p95_h", "p95 wait h", 1), ("jct_mean_h", "JCT h", 1), ("utilisation", "util %", 100), ("cost_million_cny", "cost M CNY", 1),
    ];

    public static void Show(IAnsiConsole console, SweepPlan plan, IReadOnlyList<SweepRunRow> rows)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumn("cell").AddColumn(new TableColumn("runs").RightAligned());
        foreach (var (_, heading, _) in Shown) table.AddColumn(new TableColumn(heading).RightAligned());
        foreach (var cell in plan.Cells)
        {
            var done = rows.Where(r => r.Cell == cell.Id && r.Metrics is not null).ToList();
            var cells = new List<string> { Markup.Escape(cell.Id), done.Count.ToString(CultureInfo.InvariantCulture) };
            foreach (var (name, _, scale) in Shown)
            {
                int i = HeadlineMetrics.IndexOf(name);
                var ci = MeanInterval.Of([.. done.Select(r => r.Metrics![i] * scale)]);
                cells.Add(ci.Count == 0 ? "-" : ci.Count == 1 ? Format(ci.Mean) : $"{Format(ci.Mean)}±{Format(ci.High - ci.Mean)}");
            }
            table.AddRow(cells.ToArray());
        }
        console.Write(table);
        console.WriteLine("mean over the seeds ± half its 95 % confidence interval (Student t); every metric in sweep-summary.csv");
    }

    private static string Format(double v)
        => v.ToString(Math.Abs(v) >= 100 ? "N0" : Math.Abs(v) >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);
}
