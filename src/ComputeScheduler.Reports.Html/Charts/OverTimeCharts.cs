using ComputeScheduler.Reports.Html.Data;

namespace ComputeScheduler.Reports.Html.Charts;

/// <summary>Charts over simulated time from timeseries.csv: utilisation per centre, per chip model, and jobs queued per centre.</summary>
public static class OverTimeCharts
{
    public static Chart UtilisationByCentre(Timeseries t) => Lines(t, t.UtilisationByCentre, "utilisation-by-centre",
        "Utilisation per centre", "utilisation (%)", 100,
        "Utilisation of each centre over simulated time: busy chips over chips in service, all its pools together, in %" + StepNote(t) + ".");

    public static Chart UtilisationByChipModel(Timeseries t) => Lines(t, t.UtilisationByChipModel, "utilisation-by-chip-model",
        "Utilisation per chip model", "utilisation (%)", 100,
        "Utilisation of each chip model over simulated time: busy chips over chips in service of that model in every centre, in %" + StepNote(t) + ".");

    public static Chart QueuedByCentre(Timeseries t) => Lines(t, t.QueuedByCentre, "queued-jobs",
        "Jobs queued per centre", "queued jobs", 1,
        "Jobs waiting in each centre's queue over simulated time (jobs; not counting jobs the dispatcher has not yet sent)" + StepNote(t) + ".");

    private static string StepNote(Timeseries t)
        => t.TimesS.Length > 1 ? $"; x: simulated days since the start, each point the mean of a step of {ChartStyle.Number((t.TimesS[1] - t.TimesS[0]) / 3600, "0.##")} h" : "; x: simulated days since the start";

    private static Chart Lines(Timeseries t, IReadOnlyList<TimeSeriesLine> lines, string name, string title, string yLabel, double scale, string caption)
    {
        var plot = ChartStyle.NewPlot(title, "simulated time (days)", yLabel);
        double[] days = t.TimesS.Select(s => s / 86_400).ToArray();
        for (int i = 0; i < lines.Count; i++)
            ChartStyle.Line(plot, days, lines[i].Values.Select(v => v * scale).ToArray(), i, lines[i].Name);
        plot.Axes.SetLimitsY(0, Math.Max(scale == 100 ? 5 : 1, lines.SelectMany(l => l.Values).DefaultIfEmpty(0).Max() * scale * 1.05));
        ChartStyle.LegendRight(plot);
        return new Chart(name, caption, plot);
    }
}
