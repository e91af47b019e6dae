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
internal static class WaitTable
{
    public static void Show(IAnsiConsole console, RunSummary s)
    {
        if (s.Waits is not { } w) return;
        var reasons = WaitReasons.All.Where(r => w.Reasons.Seconds[(int)r] > 0).ToArray();
        var table = new Table().Border(TableBorder.Simple).Title("[bold]why jobs wait[/]: % of waiting by reason (finished jobs)")
            .AddColumn(new TableColumn("centre").NoWrap().Padding(0, 0, 1, 0))
            .AddColumn(Column("util"))
            .AddColumn(Column("mean h"))
            .AddColumn(Column("p95 h"));
        foreach (var r in reasons) table.AddColumn(Column(Short(r)));
        void Row(string name, double utilisation, WaitReasonTotals totals, Distribution wait)
        {
            var cells = new List<string> { name, Pct(utilisation), H(wait.Mean), H(wait.P95) };
            cells.AddRange(reasons.Select(r => Pct(totals.Share(r))));
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }
        foreach (var c in w.ByCentre) Row(c.Name, PoolUtilisation.Of(s.Utilisation.Where(u => u.Centre == c.Name)), c.Reasons, c.WaitS);
        Row("all", PoolUtilisation.Of(s.Utilisation), w.Reasons, s.WaitS);
        console.Write(table);
        console.MarkupLine(Markup.Escape("disp: before the dispatcher's first decision; held: held by the dispatcher; xfer: request latency or data transfer over the WAN; nocap: too few free chips; gang: enough free chips, no placement; "
            + "order: could be placed now, the queue order keeps it behind others; preem: queued again after a preemption; porting: waiting for its code to be ported to another stack (docs/results.md)"));
        console.MarkupLine(Markup.Escape($"queued, all spells, mean / p50 / p95 / p99 (h): {H(w.QueuedS.Mean)} / {H(w.QueuedS.P50)} / {H(w.QueuedS.P95)} / {H(w.QueuedS.P99)}"));
        console.MarkupLine(Markup.Escape($"preemptions / migrations: {w.Preemptions.ToString("N0", CultureInfo.InvariantCulture)} / {w.Migrations.ToString("N0", CultureInfo.InvariantCulture)}"));
        if (w.Latency.Jobs > 0)
        {
            var byRegion = string.Join(", ", w.LatencyByDemandRegion.Select(l => $"{l.Name} {P(l.Share)}"));
            console.MarkupLine(Markup.Escape($"latency-limit attainment: {P(w.Latency.Share)} of {w.Latency.Jobs.ToString("N0", CultureInfo.InvariantCulture)} inference jobs ({byRegion}); started within the limit of their submit: {P(w.Latency.StartedShare)}"));
        }
    }

    /// <summary>Column headings short enough for an 80-column terminal with every reason shown (the legend below names them).</summary>
    private static string Short(WaitReason r) => r switch
    {
        WaitReason.Dispatch => "disp",
        WaitReason.Transfer => "xfer",
        WaitReason.NoCapacity => "nocap",
        WaitReason.QueueOrder => "order",
        WaitReason.Preempted => "preem",
        _ => WaitReasons.Name(r),
    };

    private static TableColumn Column(string header) => new TableColumn(header).RightAligned().NoWrap().Padding(1, 0, 0, 0);

    private static string P(double share) => share.ToString("0.0%", CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage without the sign (the table's title says %).</summary>
    private static string Pct(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture);

    private static string H(double seconds) => (seconds / 3600).ToString("0.00", CultureInfo.InvariantCulture);
}
