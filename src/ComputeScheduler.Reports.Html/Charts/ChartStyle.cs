using System.Globalization;
using ScottPlot;

namespace ComputeScheduler.Reports.Html.Charts;

/// <summary>
/// The look shared by every chart: the Okabe-Ito colour-blind-safe colours (ScottPlot's
/// ColorblindFriendly palette, yellow last), a line pattern that changes with the colour so that
/// series stay apart without colour, one sans-serif font, and formatting of numbers.
/// </summary>
public static class ChartStyle
{
    public const string Font = "DejaVu Sans";

    private static readonly Color[] Colours =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#E69F00"), Color.FromHex("#009E73"), Color.FromHex("#D55E00"),
        Color.FromHex("#CC79A7"), Color.FromHex("#56B4E9"), Color.FromHex("#000000"), Color.FromHex("#F0E442"),
    ];

    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    private static readonly MarkerShape[] Markers = [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.FilledTriangleDown, MarkerShape.Cross];

    public static Color Colour(int i) => Colours[i % Colours.Length];

    /// <summary>Series i and i + 8 share a colour but not a pattern.</summary>
    public static LinePattern Pattern(int i) => Patterns[(i + i / Colours.Length) % Patterns.Length];

    public static MarkerShape Marker(int i) => Markers[i % Markers.Length];

    /// <summary>A new plot in the report's font.</summary>
    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(Font);
        plot.Title(title, size: 15);
        plot.XLabel(xLabel, size: 13);
        plot.YLabel(yLabel, size: 13);
        return plot;
    }

    /// <summary>A line series styled as series <paramref name="i"/>.</summary>
    public static ScottPlot.Plottables.Scatter Line(Plot plot, double[] xs, double[] ys, int i, string label)
    {
        var colour = LineColour(i);
        var line = plot.Add.ScatterLine(xs, ys, colour);
        line.LinePattern = Pattern(i);
        line.LineWidth = 2;
        line.LegendText = label;
        PatternedLines.GetOrCreateValue(plot).Add(new PatternedLine(line, line.LinePattern, colour.ToHex()[..7]));
        return line;
    }

    /// <summary>A line drawn with a pattern, and the stroke colour (#RRGGBB) that tells its path apart in the SVG.</summary>
    internal sealed record PatternedLine(ScottPlot.Plottables.Scatter Line, LinePattern Pattern, string Stroke);

    /// <summary>The patterned lines of each plot, for <see cref="ChartSvg"/>: Skia's SVG canvas drops line patterns (path effects).</summary>
    internal static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Plot, List<PatternedLine>> PatternedLines = new();

    /// <summary>
    /// Series i's colour with the low bits of blue changed by its index (invisible), so that every
    /// line's stroke is unique in the SVG and differs from the bars' and error bars' palette colours.
    /// </summary>
    private static Color LineColour(int i)
    {
        var c = Colour(i);
        return new Color(c.R, c.G, (byte)(c.B ^ (1 + i / Colours.Length)), c.A);
    }

    /// <summary>Category names as ticks at 0, 1, 2, ... below the axis, slanted when they are many or long.</summary>
    public static void CategoryTicks(Plot plot, IReadOnlyList<string> names)
    {
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(Enumerable.Range(0, names.Count).Select(i => (double)i).ToArray(), names.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        if (names.Count * names.Max(n => n.Length) > 60)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = 35;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
            plot.Axes.Bottom.MinimumSize = 20 + 7 * names.Max(n => n.Length);
        }
        plot.HideGrid();
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 1;
        plot.Grid.YAxisStyle.MajorLineStyle.Color = Colors.Black.WithAlpha(0.1);
    }

    /// <summary>The legend outside the data area, right of it.</summary>
    public static void LegendRight(Plot plot)
    {
        plot.ShowLegend(Edge.Right);
        plot.Legend.FontSize = 11;
    }

    public static string Number(double v, string format = "N1") => v.ToString(format, CultureInfo.InvariantCulture);
}
