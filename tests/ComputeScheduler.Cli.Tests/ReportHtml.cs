using System.Text.RegularExpressions;

namespace ComputeScheduler.Cli.Tests;

/// <summary>Reads a report page (as written, or as Chromium's DOM): its figures and what their SVG draws.</summary>
internal static partial class ReportHtml
{
    /// <summary>Each <c>figure.chart</c>: its data-chart name and its inner markup, in page order.</summary>
    public static List<(string Name, string Body)> Figures(string html)
        => FigureRegex().Matches(html).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();

    /// <summary>Elements drawn inside the SVG's clipped data area (lines, markers, bars), not the axes, ticks or labels around it.</summary>
    public static int DrawnData(string figure)
        => DataAreaRegex().Matches(figure).Sum(m => ShapeRegex().Matches(m.Groups[1].Value).Count);

    [GeneratedRegex("<figure class=\"chart\" data-chart=\"([^\"]+)\">(.*?)</figure>", RegexOptions.Singleline)]
    private static partial Regex FigureRegex();

    [GeneratedRegex("<g clip-path=\"url\\(#[^)]+\\)\">(.*?)</g>", RegexOptions.Singleline)]
    private static partial Regex DataAreaRegex();

    [GeneratedRegex("<(path|ellipse|circle|rect|polyline|polygon|line)\\b")]
    private static partial Regex ShapeRegex();

    [GeneratedRegex("https?://")]
    public static partial Regex UrlRegex();

    [GeneratedRegex("xmlns(:[a-z]+)?=\"https?://")]
    public static partial Regex NamespaceRegex();
}
