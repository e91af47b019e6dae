using System.Globalization;
using System.Text;
using ComputeScheduler.Reports.Html.Data;
using ScottPlot;

namespace ComputeScheduler.Reports.Html.Charts;

/// <summary>
/// A sweep metric against one swept parameter: each cell's mean over its seeds with the 95 %
/// confidence interval as error bars, one line per combination of the other parameters' values (at
/// most <see cref="MaxSeries"/>; beyond that every cell is one unjoined point). Numeric parameter values
/// are placed by value, others as categories in the order the sweep lists them.
/// </summary>
public static class SweepMetricChart
{
    public const int MaxSeries = 8;

    public static Chart Of(SweepResults sweep, SweepMetric metric, int parameter)
    {
        string param = sweep.Parameters[parameter];
        var values = sweep.ParameterValues.Select(v => v[parameter]).ToList();
        bool numeric = values.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d));
        var categories = values.Distinct(StringComparer.Ordinal).ToList();
        double X(int row) => numeric ? double.Parse(values[row], NumberStyles.Float, CultureInfo.InvariantCulture) : categories.IndexOf(values[row]);

        var others = Varying(sweep).Where(p => p != parameter).ToList();
        string Key(int row) => string.Join(", ", others.Select(p => $"{sweep.Parameters[p]}={sweep.ParameterValues[row][p]}"));
        var groups = Enumerable.Range(0, sweep.Rows.Count).GroupBy(Key, StringComparer.Ordinal).ToList();
        bool joined = groups.Count <= MaxSeries;
        if (!joined) groups = Enumerable.Range(0, sweep.Rows.Count).GroupBy(_ => "every cell", StringComparer.Ordinal).ToList();

        var plot = ChartStyle.NewPlot($"{metric.Name} against {param}", param, metric.Name);
        double spread = numeric ? Math.Max(1e-9, values.Select((_, r) => X(r)).DefaultIfEmpty(0).Max() - values.Select((_, r) => X(r)).DefaultIfEmpty(0).Min()) * 0.012 : 0.06;
        for (int g = 0; g < groups.Count; g++)
        {
            var rows = groups[g].Where(r => !double.IsNaN(metric.Mean[r])).OrderBy(X).ToList();
            if (rows.Count == 0) continue;
            double dodge = (g - (groups.Count - 1) / 2.0) * spread;
            double[] xs = rows.Select(r => X(r) + dodge).ToArray();
            double[] ys = rows.Select(r => metric.Mean[r]).ToArray();
            double[] up = rows.Select(r => double.IsNaN(metric.Ci95High[r]) ? 0 : Math.Max(0, metric.Ci95High[r] - metric.Mean[r])).ToArray();
            double[] down = rows.Select(r => double.IsNaN(metric.Ci95Low[r]) ? 0 : Math.Max(0, metric.Mean[r] - metric.Ci95Low[r])).ToArray();
            var errors = new ScottPlot.Plottables.ErrorBar(xs, ys, null, null, up, down) { LineColor = ChartStyle.Colour(g), LineWidth = 1.5f, CapSize = 6 };
            plot.Add.Plottable(errors);
            var line = joined ? ChartStyle.Line(plot, xs, ys, g, groups[g].Key) : plot.Add.ScatterPoints(xs, ys, ChartStyle.Colour(g));
            line.MarkerShape = ChartStyle.Marker(g);
            line.MarkerSize = 8;
            line.LegendText = groups.Count > 1 ? groups[g].Key : "";
        }
        if (!numeric) ChartStyle.CategoryTicks(plot, categories);
        if (groups.Count > 1)
        {
            // Below the chart: the series' names are long (one value of each other parameter), and at the right they squeeze the axes.
            plot.ShowLegend(Edge.Bottom);
            plot.Legend.FontSize = 11;
        }
        if (!numeric) plot.Axes.SetLimitsX(-0.5, categories.Count - 0.5);

        string seeds = sweep.Seeds.Count.ToString(CultureInfo.InvariantCulture);
        string caption = $"{metric.Name} (unit in its name; sweep-summary.csv) against {param}: each cell's mean over its runs ({seeds} seeds), with error bars from the 95 % confidence interval's low to high end"
            + (others.Count == 0 ? "." : joined ? $"; one line per value of {string.Join(" and ", others.Select(p => sweep.Parameters[p]))}." : $"; too many combinations of {string.Join(" and ", others.Select(p => sweep.Parameters[p]))} for a line each, so every cell is one point.");
        return new Chart(Name(metric.Name, param), caption, plot);
    }

    /// <summary>The parameters the sweep gave more than one value.</summary>
    public static List<int> Varying(SweepResults sweep)
        => [.. Enumerable.Range(0, sweep.Parameters.Count).Where(p => sweep.ParameterValues.Select(v => v[p]).Distinct(StringComparer.Ordinal).Skip(1).Any())];

    /// <summary>"sweep-METRIC-vs-PARAMETER", with only letters, digits, '-' and '_'.</summary>
    public static string Name(string metric, string parameter)
    {
        var name = new StringBuilder("sweep-");
        foreach (char c in $"{metric}-vs-{parameter}") name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? char.ToLowerInvariant(c) : '_');
        return name.ToString();
    }
}
