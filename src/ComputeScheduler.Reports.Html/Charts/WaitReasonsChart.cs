using ComputeScheduler.Reports.Html.Data;

namespace ComputeScheduler.Reports.Html.Charts;

/// <summary>Why jobs waited, per centre (summary.json <c>waits.byCentre[].reasons</c>): the mean wait of the centre's finished jobs split by reason, stacked.</summary>
public static class WaitReasonsChart
{
    public static Chart Of(RunSummaryFile s)
    {
        var centres = s.Waits;
        var reasons = centres.SelectMany(c => c.Reasons.Select(r => r.Reason)).Distinct(StringComparer.Ordinal).ToList();
        double maxMeanS = centres.Select(c => c.Jobs > 0 ? c.Reasons.Sum(r => r.Seconds) / c.Jobs : 0).DefaultIfEmpty(0).Max();
        bool hours = maxMeanS >= 2 * 3600;
        double unit = hours ? 3600 : 60;
        string unitName = hours ? "h" : "min";
        var parts = reasons
            .Select(r => (Name: r, Values: centres.Select(c => c.Jobs > 0 ? c.Reasons.Where(x => x.Reason == r).Sum(x => x.Seconds) / c.Jobs / unit : 0).ToArray()))
            .Where(p => p.Values.Any(v => v > 0))
            .ToList();
        var plot = ChartStyle.NewPlot("Why jobs waited, per centre", "", $"mean wait per finished job ({unitName})");
        StackedBars.Add(plot, centres.Select(c => c.Centre).ToList(), parts);
        string caption = $"Mean wait per finished job of each centre, in {(hours ? "hours" : "minutes")}, split by the reason the job waited (summary.json waits.byCentre: a reason's seconds over the centre's jobs; reasons in docs/results.md; reasons no job waited for are left out).";
        return new Chart("wait-reasons-by-centre", caption, plot);
    }
}
