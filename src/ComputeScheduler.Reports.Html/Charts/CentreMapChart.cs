using ComputeScheduler.Reports.Html.Data;
using ScottPlot;

namespace ComputeScheduler.Reports.Html.Charts;

/// <summary>The centres at their longitude and latitude, WAN links between them as lines, and each centre's load.</summary>
public static class CentreMapChart
{
    public static Chart Of(CentreMap map, RunSummaryFile s)
    {
        var plot = ChartStyle.NewPlot("Centres, WAN links and load", "longitude (°E)", "latitude (°N)");
        var at = map.Centres.ToDictionary(c => c.Key, StringComparer.Ordinal);
        double maxGbps = map.Links.Select(l => l.Gbps).DefaultIfEmpty(1).Max(), minGbps = map.Links.Select(l => l.Gbps).DefaultIfEmpty(1).Min();
        foreach (var link in map.Links)
        {
            var (a, b) = (at[link.A], at[link.B]);
            var line = plot.Add.Line(a.LonDeg, a.LatDeg, b.LonDeg, b.LatDeg);
            line.LineColor = link.Gbps == map.DefaultGbps ? Colors.Gray.WithAlpha(0.35) : ChartStyle.Colour(3);
            line.LineWidth = maxGbps > minGbps ? (float)(1 + 3 * (link.Gbps - minGbps) / (maxGbps - minGbps)) : 1;
        }
        // The links' load: GB moved between each pair of centres over the run (both directions together).
        var moved = s.WanTransfers.Where(t => at.ContainsKey(t.From) && at.ContainsKey(t.To))
            .GroupBy(t => string.CompareOrdinal(t.From, t.To) < 0 ? (t.From, t.To) : (t.To, t.From))
            .Select(g => (Pair: g.Key, Gb: g.Sum(t => t.Gb))).OrderBy(p => p.Pair.Item1, StringComparer.Ordinal).ThenBy(p => p.Pair.Item2, StringComparer.Ordinal).ToList();
        double maxGb = moved.Select(m => m.Gb).DefaultIfEmpty(0).Max();
        foreach (var (pair, gb) in moved)
        {
            var (a, b) = (at[pair.Item1], at[pair.Item2]);
            var line = plot.Add.Line(a.LonDeg, a.LatDeg, b.LonDeg, b.LatDeg);
            // Vermillion, apart from the centres' blue; width in proportion to the GB moved.
            line.LineColor = ChartStyle.Colour(3).WithAlpha(0.7);
            line.LineWidth = (float)(1 + 9 * gb / maxGb);
        }
        var jobs = s.Centres.ToDictionary(c => c.Centre, c => c.JobsFinished, StringComparer.Ordinal);
        long maxJobs = Math.Max(1, jobs.Values.DefaultIfEmpty(0).Max());
        foreach (var c in map.Centres)
        {
            long n = jobs.GetValueOrDefault(c.Key);
            double util = s.UtilisationOf(s.Pools.Where(p => p.Centre == c.Key));
            plot.Add.Marker(c.LonDeg, c.LatDeg, MarkerShape.FilledCircle, (float)(8 + 28 * Math.Sqrt((double)n / maxJobs)), ChartStyle.Colour(0).WithAlpha(0.75));
            var label = plot.Add.Text($"{c.Key}\n{n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} jobs, {ChartStyle.Number(util * 100, "0.0")} %", c.LonDeg, c.LatDeg);
            label.LabelFontSize = 11;
            // Right of the marker, unless another centre sits just right of it: then left.
            bool crowded = map.Centres.Any(o => o != c && o.LonDeg > c.LonDeg && o.LonDeg - c.LonDeg < 4 && Math.Abs(o.LatDeg - c.LatDeg) < 1.5);
            float offset = 10 + (float)(14 * Math.Sqrt((double)n / maxJobs));
            bool roomLeft = map.Centres.All(o => o.LonDeg >= c.LonDeg || c.LonDeg - o.LonDeg > 4 || Math.Abs(o.LatDeg - c.LatDeg) > 1.5) && c.LonDeg - map.Centres.Min(o => o.LonDeg) > 4;
            (label.LabelAlignment, label.LabelOffsetX, label.LabelOffsetY) = !crowded ? (Alignment.MiddleLeft, offset, 0f)
                : roomLeft ? (Alignment.MiddleRight, -offset, 0f)
                : (Alignment.LowerCenter, 0f, -offset);
            label.LabelFontName = ChartStyle.Font;
        }
        if (map.Centres.Count > 0)
        {
            double lo = map.Centres.Min(c => c.LonDeg), hi = map.Centres.Max(c => c.LonDeg);
            double la = map.Centres.Min(c => c.LatDeg), lb = map.Centres.Max(c => c.LatDeg);
            double padX = Math.Max(1, (hi - lo) * 0.08), padY = Math.Max(1, (lb - la) * 0.1);
            plot.Axes.SetLimits(lo - padX - 2, hi + padX + Math.Max(6, (hi - lo) * 0.3), la - padY, lb + padY + 1);
        }
        bool ownLinks = map.Links.Any(l => l.Gbps != map.DefaultGbps);
        string caption = "The centres at their longitude and latitude (from the scenario copy in the results folder). Marker size: jobs finished at the centre (diameter grows with the square root); "
            + "each label gives the centre, its jobs finished and its mean utilisation over the run (busy over in-service chip-hours, %). "
            + $"Lines: the WAN links between centres (every pair is linked; {ChartStyle.Number(map.DefaultGbps, "0.#")} Gbit/s unless the scenario gives the pair its own bandwidth"
            + (ownLinks ? "; coloured lines are such pairs, line width grows with bandwidth" : "") + "). "
            + (moved.Count == 0
                ? "Load on the links: no data moved between centres in this run (summary.json wanTransfers)."
                : $"Load on the links: the vermillion lines are the data moved between centres over the run (summary.json wanTransfers, both directions), width in proportion to the GB; the most, {ChartStyle.Number(maxGb, "N0")} GB, between {moved.MaxBy(m => m.Gb).Pair.Item1} and {moved.MaxBy(m => m.Gb).Pair.Item2}.");
        return new Chart("centre-map", caption, plot, 640, 480);
    }
}
