namespace ComputeScheduler.Reports.Html.Charts;

/// <summary>Cumulative distributions of the finished jobs' wait and completion time (jobs.csv) on a logarithmic time axis.</summary>
public static class CdfCharts
{
    private const double FloorS = 1;
    private const int Points = 400;

    private static readonly (double S, string Label)[] TimeTicks =
        [(1, "1 s"), (10, "10 s"), (60, "1 min"), (600, "10 min"), (3600, "1 h"), (21_600, "6 h"), (86_400, "1 d"), (604_800, "1 wk"), (8_640_000, "100 d")];

    public static Chart Wait(double[] sortedWaitS) => Cdf(sortedWaitS, "wait-cdf", "Wait of finished jobs", "wait (log scale)",
        "Cumulative distribution of the wait of finished jobs (submit to first start, from jobs.csv): the share of jobs (%) that waited at most x; x on a log scale, waits under 1 s drawn at 1 s.");

    public static Chart Jct(double[] sortedJctS) => Cdf(sortedJctS, "jct-cdf", "Completion time of finished jobs", "job completion time (log scale)",
        "Cumulative distribution of the job completion time of finished jobs (submit to end, from jobs.csv): the share of jobs (%) done within x; x on a log scale, times under 1 s drawn at 1 s.");

    private static Chart Cdf(double[] sorted, string name, string title, string xLabel, string caption)
    {
        var plot = ChartStyle.NewPlot(title, xLabel, "share of finished jobs (%)");
        int n = sorted.Length;
        if (n > 0)
        {
            int points = Math.Min(Points, n);
            var xs = new double[points];
            var ys = new double[points];
            for (int k = 0; k < points; k++)
            {
                int rank = points == 1 ? n - 1 : (int)Math.Round((double)k * (n - 1) / (points - 1));
                xs[k] = Math.Log10(Math.Max(FloorS, sorted[rank]));
                ys[k] = 100.0 * (rank + 1) / n;
            }
            var line = ChartStyle.Line(plot, xs, ys, 0, name);
            line.LegendText = "";
            double lo = Math.Floor(xs[0]), hi = Math.Max(lo + 1, Math.Ceiling(xs[^1] + 0.05));
            var ticks = TimeTicks.Where(t => Math.Log10(t.S) >= lo - 1e-9 && Math.Log10(t.S) <= hi + 1e-9).ToArray();
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.Select(t => Math.Log10(t.S)).ToArray(), ticks.Select(t => t.Label).ToArray());
            plot.Axes.SetLimits(lo, hi, 0, 101);
        }
        else
        {
            plot.Add.Annotation("no finished jobs");
        }
        return new Chart(name, caption, plot);
    }
}
