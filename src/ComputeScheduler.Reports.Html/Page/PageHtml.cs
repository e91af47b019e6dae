using System.Text;
using ComputeScheduler.Reports.Html.Charts;

namespace ComputeScheduler.Reports.Html;

/// <summary>
/// The page as one self-contained HTML file: inline CSS, the charts as inline SVG, no script and no
/// reference to anything outside the file. The same page gives the same bytes (nothing depends on
/// the clock or the machine beyond the fonts ScottPlot measures text with).
/// </summary>
public static class PageHtml
{
    private const string Css = """
        :root { color-scheme: light; }
        body { margin: 0; background: #f6f6f3; color: #1b1b1b; font: 15px/1.45 "DejaVu Sans", Verdana, system-ui, sans-serif; }
        main { max-width: 1400px; margin: 0 auto; padding: 16px 20px 40px; }
        h1 { font-size: 1.55em; margin: 0.3em 0 0.1em; }
        h2 { font-size: 1.2em; margin: 1.4em 0 0.5em; }
        .sub { color: #555; margin: 0 0 1em; overflow-wrap: anywhere; }
        table { border-collapse: collapse; background: #fff; font-size: 0.92em; }
        th, td { border: 1px solid #d5d5d0; padding: 4px 8px; text-align: left; vertical-align: top; }
        th { background: #ecece7; font-weight: 600; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        caption { text-align: left; font-weight: 600; padding: 4px 0; }
        .scroll { overflow-x: auto; max-width: 100%; }
        .note { background: #fff4d6; border-left: 4px solid #E69F00; padding: 6px 10px; margin: 0.6em 0; }
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 560px), 1fr)); gap: 16px; margin-top: 1em; }
        figure.chart { margin: 0; background: #fff; border: 1px solid #d5d5d0; border-radius: 4px; padding: 8px; min-width: 0; }
        figure.chart svg { display: block; width: 100%; height: auto; }
        figcaption { font-size: 0.88em; color: #333; margin-top: 6px; }
        """;

    public static string Render(ReportPage page)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.Append("<title>").Append(Html.Text(page.Title)).Append("</title>\n<style>\n").Append(Css.Replace("\r", "", StringComparison.Ordinal)).Append("\n</style>\n</head>\n<body>\n<main>\n");
        h.Append("<h1>").Append(Html.Text(page.Title)).Append("</h1>\n");
        h.Append("<p class=\"sub\">").Append(Html.Text(page.Subtitle)).Append("</p>\n");
        Table(h, page.Headline, "headline");
        foreach (var note in page.Notes) h.Append("<p class=\"note\">").Append(Html.Text(note)).Append("</p>\n");
        h.Append("<section class=\"charts\">\n");
        foreach (var chart in page.Charts)
        {
            h.Append("<figure class=\"chart\" data-chart=\"").Append(Html.Attribute(chart.Name)).Append("\">\n");
            h.Append(ChartSvg.Of(chart)).Append('\n');
            h.Append("<figcaption>").Append(Html.Text(chart.Caption)).Append("</figcaption>\n</figure>\n");
        }
        h.Append("</section>\n");
        foreach (var table in page.Tables)
        {
            h.Append("<h2>").Append(Html.Text(table.Caption)).Append("</h2>\n");
            Table(h, table with { Caption = "" }, "data");
        }
        h.Append("</main>\n</body>\n</html>\n");
        return h.ToString();
    }

    private static void Table(StringBuilder h, PageTable table, string cssClass)
    {
        h.Append("<div class=\"scroll\"><table class=\"").Append(cssClass).Append("\">\n");
        if (table.Caption.Length > 0) h.Append("<caption>").Append(Html.Text(table.Caption)).Append("</caption>\n");
        h.Append("<thead><tr>");
        foreach (var c in table.Columns) h.Append("<th>").Append(Html.Text(c)).Append("</th>");
        h.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            h.Append("<tr>");
            for (int i = 0; i < row.Count; i++)
                h.Append(i > 0 && IsNumber(row[i]) ? "<td class=\"num\">" : "<td>").Append(Html.Text(row[i])).Append("</td>");
            h.Append("</tr>\n");
        }
        h.Append("</tbody>\n</table></div>\n");
    }

    private static bool IsNumber(string text)
        => text.Length > 0 && (char.IsAsciiDigit(text[0]) || (text[0] == '-' && text.Length > 1 && char.IsAsciiDigit(text[1])));
}
