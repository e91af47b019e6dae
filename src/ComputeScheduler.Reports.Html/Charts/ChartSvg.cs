using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ScottPlot;

namespace ComputeScheduler.Reports.Html.Charts;

/// <summary>
/// A chart as SVG to inline in the page: ScottPlot's SVG without the XML declaration, scaled by a
/// viewBox, with its element ids (ScottPlot numbers clip paths from a process-wide counter) renamed
/// after the chart so that the page is the same bytes every time and ids never clash between charts.
/// </summary>
public static partial class ChartSvg
{
    public static string Of(Chart chart)
    {
        string svg = SvgWithoutPathEffects(chart);
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        svg = svg[start..].TrimEnd();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in IdAttribute().Matches(svg))
            if (!ids.ContainsKey(m.Groups[1].Value)) ids[m.Groups[1].Value] = $"{chart.Name}-{ids.Count.ToString(CultureInfo.InvariantCulture)}";
        svg = IdUse().Replace(svg, m => ids.TryGetValue(m.Groups[2].Value, out var id) ? m.Groups[1].Value + id + m.Groups[3].Value : m.Value);
        string size = $"width=\"{chart.Width.ToString(CultureInfo.InvariantCulture)}\" height=\"{chart.Height.ToString(CultureInfo.InvariantCulture)}\"";
        svg = ReplaceFirst(svg, size, $"viewBox=\"0 0 {chart.Width.ToString(CultureInfo.InvariantCulture)} {chart.Height.ToString(CultureInfo.InvariantCulture)}\" {size} role=\"img\" aria-label=\"{Html.Attribute(chart.Caption)}\"");
        svg = svg.Replace($"font-family=\"{ChartStyle.Font}\"", $"font-family=\"{ChartStyle.Font}, Verdana, sans-serif\"", StringComparison.Ordinal);
        var text = new StringBuilder(svg.Length);
        foreach (var line in svg.Split('\n')) text.Append(line.TrimEnd('\r')).Append('\n');
        return text.ToString().TrimEnd('\n');
    }

    /// <summary>
    /// ScottPlot's SVG, with each patterned line drawn solid (Skia's SVG canvas has no path effects:
    /// it would drop the pattern and complain on stdout) and its pattern added back as a
    /// stroke-dasharray on the paths of its unique stroke colour (the line and its legend symbol).
    /// </summary>
    private static string SvgWithoutPathEffects(Chart chart)
    {
        var lines = ChartStyle.PatternedLines.TryGetValue(chart.Plot, out var l) ? l : [];
        foreach (var line in lines) line.Line.LinePattern = LinePattern.Solid;
        string svg;
        try { svg = chart.Plot.GetSvgXml(chart.Width, chart.Height); }
        finally { foreach (var line in lines) line.Line.LinePattern = line.Pattern; }
        var dashes = lines.Where(x => x.Pattern.Intervals.Length > 0 && x.Pattern.Name != LinePattern.Solid.Name)
            .GroupBy(x => x.Stroke.ToUpperInvariant(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join(" ", g.First().Pattern.Intervals.Select(v => v.ToString("0.##", CultureInfo.InvariantCulture))), StringComparer.Ordinal);
        if (dashes.Count == 0) return svg;
        return StrokeAttribute().Replace(svg, m => dashes.TryGetValue(m.Groups[1].Value.ToUpperInvariant(), out var d) ? $"{m.Value} stroke-dasharray=\"{d}\"" : m.Value);
    }

    [GeneratedRegex("stroke=\"(#[0-9A-Fa-f]{6})\"")]
    private static partial Regex StrokeAttribute();

    private static string ReplaceFirst(string text, string old, string replacement)
    {
        int i = text.IndexOf(old, StringComparison.Ordinal);
        return i < 0 ? text : text[..i] + replacement + text[(i + old.Length)..];
    }

    [GeneratedRegex("\\bid=\"([^\"]+)\"")]
    private static partial Regex IdAttribute();

    [GeneratedRegex("((?:\\bid=\"|#))([A-Za-z_][A-Za-z0-9_.-]*)((?:\"|\\)))")]
    private static partial Regex IdUse();
}
