using ScottPlot;

namespace ComputeScheduler.Reports.Html.Charts;

/// <summary>Vertical bars, one per category, stacked from parts; one legend entry per part.</summary>
internal static class StackedBars
{
    /// <summary><paramref name="parts"/>: per part, its name and one value per category.</summary>
    public static void Add(Plot plot, IReadOnlyList<string> categories, IReadOnlyList<(string Name, double[] Values)> parts)
    {
        var bases = new double[categories.Count];
        var bars = new List<Bar>();
        for (int p = 0; p < parts.Count; p++)
        {
            if (parts[p].Values.All(v => v == 0) && parts.Count > 1) continue; // a part no category has (WAN cost in a run without transfers)
            for (int c = 0; c < categories.Count; c++)
            {
                double v = parts[p].Values[c];
                bars.Add(new Bar
                {
                    Position = c,
                    ValueBase = bases[c],
                    Value = bases[c] + v,
                    FillColor = ChartStyle.Colour(p),
                    LineColor = Colors.White,
                    LineWidth = 0.5f,
                    Size = 0.7,
                });
                bases[c] += v;
            }
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = parts[p].Name, FillColor = ChartStyle.Colour(p) });
        }
        plot.Add.Bars(bars.ToArray());
        ChartStyle.CategoryTicks(plot, categories);
        double top = bases.DefaultIfEmpty(0).Max();
        plot.Axes.SetLimits(-0.6, categories.Count - 0.4, 0, top > 0 ? top * 1.08 : 1);
        ChartStyle.LegendRight(plot);
    }
}
