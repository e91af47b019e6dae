using System.Globalization;
using ComputeScheduler.Reports.Results;
using Spectre.Console;

namespace ComputeScheduler.Cli;

/// <summary>The end-of-run table of headline metrics.</summary>
internal static class SummaryTable
{
    public static void Show(IAnsiConsole console, RunSummary s, string folder, double wallS)
    {
        var table = new Table().Title($"[bold]{Markup.Escape(s.Scenario)}[/] seed {s.Seed}").AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Row("policies", $"{s.DispatchPolicy} / {s.QueueOrderPolicy} / {s.PlacementPolicy}");
        Row("jobs submitted / finished / rejected", $"{s.JobsSubmitted:N0} / {s.JobsFinished:N0} / {s.JobsRejected:N0}");
        Row("wait mean / p50 / p95 / p99 (h)", Hours(s.WaitS));
        Row("JCT mean / p50 / p95 / p99 (h)", Hours(s.JctS));
        Row("makespan (days)", (s.MakespanS / 86_400).ToString("0.00", CultureInfo.InvariantCulture));
        Row("utilisation (chips in service)", s.MakespanS > 0 ? PoolUtilisation.Of(s.Utilisation).ToString("P1", CultureInfo.InvariantCulture) : "-");
        Row("energy (MWh)", (s.EnergyKwh / 1000).ToString("N1", CultureInfo.InvariantCulture));
        Row("cost (million CNY)", (s.CostCny / 1e6).ToString("N2", CultureInfo.InvariantCulture));
        if (s.Cost is { } cost) CostRows.Add(Row, cost);
        Row(s.Cost is null ? "carbon (t CO2)" : "carbon (t CO2): jobs / facility", (s.CarbonKg / 1000).ToString("N1", CultureInfo.InvariantCulture)
            + (s.Cost is { } c ? " / " + (c.FacilityCarbonKg / 1000).ToString("N1", CultureInfo.InvariantCulture) : ""));
        Row("events", s.Events.ToString("N0", CultureInfo.InvariantCulture));
        Row("wall time (s)", wallS.ToString("0.0", CultureInfo.InvariantCulture));
        console.Write(table);
        WaitTable.Show(console, s);
        console.MarkupLine($"results: [bold]{Markup.Escape(Path.GetFullPath(folder))}[/]");
    }

    private static string Hours(Distribution d)
        => string.Join(" / ", new[] { d.Mean, d.P50, d.P95, d.P99 }.Select(v => (v / 3600).ToString("0.00", CultureInfo.InvariantCulture)));
}
