using System.Globalization;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Reports.Statistics;
using Spectre.Console;

namespace ComputeScheduler.Cli;

/// <summary>
/// compare's tables: a row per headline metric, a column per set. The baseline's column holds its
/// value; every other set's cell its value, its difference to the baseline (and in %), and the 95 %
/// confidence interval of the difference, marked * when it excludes zero. Sets beyond
/// <see cref="SetsPerTable"/> continue in further tables (metric and baseline repeated), so each fits 100 columns.
/// </summary>
public static class CompareTable
{
    public const int SetsPerTable = 3;

    public const string Mark = "*";

    public static void Show(IAnsiConsole console, Comparison c)
    {
        var baseline = c.Pairings[0];
        var others = c.Pairings.Skip(1).ToList();
        for (int start = 0; start < others.Count; start += SetsPerTable)
        {
            var chunk = others.Skip(start).Take(SetsPerTable).ToList();
            var table = new Table().Border(TableBorder.Simple).ShowRowSeparators()
                .AddColumn(new TableColumn("metric").NoWrap())
                .AddColumn(new TableColumn(Header(baseline, "baseline")).RightAligned());
            foreach (var p in chunk) table.AddColumn(new TableColumn(Header(p, null)).RightAligned());
            if (start == 0) table.Title($"[bold]compared with {Markup.Escape(baseline.Set.Label)}[/]");
            foreach (var metric in HeadlineMetrics.All)
            {
                var rows = c.Rows.Where(r => r.Metric == metric).ToList();
                int decimals = Decimals(rows.Select(r => r.Value));
                var cells = new List<string> { metric.Name, Num(rows[0].Value, decimals) };
                foreach (var p in chunk)
                {
                    var r = rows.First(x => x.Set == p.Set);
                    var lines = new List<string> { Num(r.Value, decimals), $"{Signed(r.Diff, decimals)} ({Pct(r.DiffPct)})" };
                    if (r.Interval is { } i) lines.Add($"[{Num(i.Low, decimals)}, {Num(i.High, decimals)}]{(i.ExcludesZero ? " " + Mark : "")}");
                    cells.Add(string.Join('\n', lines));
                }
                table.AddRow(cells.Select(Markup.Escape).ToArray());
            }
            console.Write(table);
        }
        console.WriteLine("Value: mean over the set's runs. Below it: the difference to the baseline");
        console.WriteLine($"(and in %), and its 95 % confidence interval; {Mark} = it excludes zero.");
        foreach (var p in others) console.WriteLine(Method(baseline.Set, p));
        var methods = others.Select(p => p.Method).ToHashSet();
        if (methods.Contains(DifferenceMethod.Paired)) console.WriteLine("paired: mean(d) +/- t(0.975, n-1) x sd(d) / sqrt(n), d: per-seed differences");
        if (methods.Contains(DifferenceMethod.Welch)) console.WriteLine("Welch: unequal variances, Welch-Satterthwaite degrees of freedom");
    }

    /// <summary>"sjf vs fifo: paired over seeds 1, 2, 3 (same workload per seed)": how the set's intervals were computed.</summary>
    public static string Method(ResultSet baseline, SetPairing p)
    {
        string vs = $"{p.Set.Label} vs {baseline.Label}: ";
        return p.Method switch
        {
            DifferenceMethod.Paired => vs + $"paired over seeds {string.Join(", ", p.PairedSeeds.Select(s => s.ToString(CultureInfo.InvariantCulture)))} (same workload per seed)",
            DifferenceMethod.Welch => vs + $"Welch's interval (seeds {baseline.SeedList} against {p.Set.SeedList})",
            _ => vs + "no interval (a set of one run)",
        };
    }

    private static string Header(SetPairing p, string? role)
    {
        string runs = p.Set.Runs.Count == 1 ? $"seed {p.Set.SeedList}" : $"{p.Set.Runs.Count.ToString(CultureInfo.InvariantCulture)} seeds";
        return Markup.Escape(p.Set.Label) + "\n" + Markup.Escape(role is null ? runs : $"{role}, {runs}");
    }

    /// <summary>Four significant digits of the largest value, at most 6 decimals: a metric's figures line up.</summary>
    private static int Decimals(IEnumerable<double> values)
    {
        double max = values.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        return max == 0 ? 2 : Math.Clamp(3 - (int)Math.Floor(Math.Log10(max)), 0, 6);
    }

    private static string Num(double v, int decimals)
        => double.IsFinite(v) ? v.ToString("#,0." + new string('0', decimals), CultureInfo.InvariantCulture).TrimEnd('.') : "-";

    private static string Signed(double? v, int decimals) => v is { } x && double.IsFinite(x) ? (x > 0 ? "+" : "") + Num(x, decimals) : "-";

    private static string Pct(double? pct) => pct is { } p && double.IsFinite(p) ? p.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%" : "-";
}
