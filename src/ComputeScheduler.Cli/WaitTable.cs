using System.Globalization;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Simulation.Results;
using Spectre.Console;

namespace ComputeScheduler.Cli;

/// <summary>
/// The end-of-run table of why jobs waited: per centre, its jobs, wait and JCT, and the share of its
/// waiting by reason (one column per reason that any job waited for), then queued time, preemptions
/// and latency-limit attainment.
/// </summary>
public static class WaitTable
{
    public static void Show(IAnsiConsole console, RunSummary s)
    {
        if (s.Waits is not { } w) return;
        var reasons = WaitReasons.All.Where(r => w.Reasons.Seconds[(int)r] > 0).ToArray();
        var table = new Table().Border(TableBorder.Simple).Title("[bold]why jobs wait[/]: share of waiting by reason (finished jobs)")
            .AddColumn(new TableColumn("centre").NoWrap())
            .AddColumn(new TableColumn("util").RightAligned())
            .AddColumn(new TableColumn("mean\nwait h").RightAligned())
            .AddColumn(new TableColumn("p95\nwait h").RightAligned());
        foreach (var r in reasons) table.AddColumn(new TableColumn(WaitReasons.Name(r).Replace("-", "-\n")).RightAligned());
        void Row(string name, double utilisation, WaitReasonTotals totals, Distribution wait)
        {
            var cells = new List<string> { name, P(utilisation), H(wait.Mean), H(wait.P95) };
            cells.AddRange(reasons.Select(r => P(totals.Share(r))));
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }
        foreach (var c in w.ByCentre) Row(c.Name, Utilisation(s.Utilisation.Where(u => u.Centre == c.Name), s.MakespanS), c.Reasons, c.WaitS);
        Row("all", Utilisation(s.Utilisation, s.MakespanS), w.Reasons, s.WaitS);
        console.Write(table);
        console.MarkupLine(Markup.Escape("queue-order: could be placed now, the queue order keeps it behind others; gang: enough free chips, no placement; no-capacity: too few free chips (docs/results.md)"));
        console.MarkupLine(Markup.Escape($"queued, all spells, mean / p50 / p95 / p99 (h): {H(w.QueuedS.Mean)} / {H(w.QueuedS.P50)} / {H(w.QueuedS.P95)} / {H(w.QueuedS.P99)}"));
        console.MarkupLine(Markup.Escape($"preemptions / migrations: {w.Preemptions.ToString("N0", CultureInfo.InvariantCulture)} / {w.Migrations.ToString("N0", CultureInfo.InvariantCulture)}"));
        if (w.Latency.Jobs > 0)
        {
            var byRegion = string.Join(", ", w.LatencyByDemandRegion.Select(l => $"{l.Name} {P(l.Share)}"));
            console.MarkupLine(Markup.Escape($"latency-limit attainment: {P(w.Latency.Share)} of {w.Latency.Jobs.ToString("N0", CultureInfo.InvariantCulture)} inference jobs ({byRegion})"));
        }
    }

    /// <summary>Busy chip-hours over chip-hours of the makespan, as the summary's utilisation row.</summary>
    private static double Utilisation(IEnumerable<PoolUtilisation> pools, double makespanS)
    {
        double busy = 0, chips = 0;
        foreach (var u in pools)
        {
            busy += u.BusyChipHours;
            chips += u.Chips;
        }
        return chips > 0 && makespanS > 0 ? busy / (chips * makespanS / 3600) : 0;
    }

    private static string P(double share) => share.ToString("0.0%", CultureInfo.InvariantCulture);

    private static string H(double seconds) => (seconds / 3600).ToString("0.00", CultureInfo.InvariantCulture);
}
