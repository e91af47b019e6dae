using System.Globalization;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Reports.Statistics;
using Spectre.Console;

namespace ComputeScheduler.Cli;

/// <summary>
/// compare's tables: a row per headline metric, a column per set. The baseline's column holds its
/// value; every other set's cell its value, its difference to the baseline (and in %), and the 95 %
/// confidence interval of the difference, marked * when it excludes zero. Sets that do not fit the
/// console's width continue in further tables (metric and baseline repeated).
/// </summary>
internal static class CompareTable
{
    public const string Mark = "*";

    public static void Show(IAnsiConsole console, Comparison c)
    {
        var baseline = c.Pairings[0];
        var others = c.Pairings.Skip(1).ToList();
        // Every set's cells first (metric by metric), so that their widths decide how many sets a table holds.
        var cells = c.Pairings.Select(_ => new List<string>()).ToList();
        foreach (var metric in c.Metrics)
        {
            var rows = c.Rows.Where(r => r.Metric == metric).ToList();
            int decimals = rows.All(r => r.Interval is null && double.IsInteger(r.Value)) ? 0 : Decimals(rows.Select(r => r.Value));
            for (int i = 0; i < rows.Count; i++) cells[i].Add(Cell(rows[i], decimals, baseline: i == 0));
        }
        var headers = c.Pairings.Select((p, i) => Header(p, i == 0 ? "baseline" : null)).ToList();
        int Width(int set) => cells[set].Concat([headers[set]]).SelectMany(t => t.Split('\n')).Max(l => l.Length) + 2;
        int metricWidth = c.Metrics.Max(m => m.Name.Length) + 2;
        int room = Math.Max(0, console.Profile.Width - 4 - metricWidth - Width(0));
        int next = 1;
        while (next < c.Pairings.Count)
        {
            var chunk = new List<int> { next++ };
            for (int used = Width(chunk[0]); next < c.Pairings.Count && used + Width(next) <= room; next++)
            {
                used += Width(next);
                chunk.Add(next);
            }
            var table = new Table().Border(TableBorder.Simple).ShowRowSeparators()
                .AddColumn(new TableColumn("metric").NoWrap())
                .AddColumn(new TableColumn(Markup.Escape(headers[0])).RightAligned());
            foreach (int set in chunk) table.AddColumn(new TableColumn(Markup.Escape(headers[set])).RightAligned());
            if (chunk[0] == 1) table.Title($"[bold]compared with {Markup.Escape(baseline.Set.Label)}[/]");
            for (int m = 0; m < c.Metrics.Count; m++)
                table.AddRow([Markup.Escape(c.Metrics[m].Name), Markup.Escape(cells[0][m]), .. chunk.Select(set => Markup.Escape(cells[set][m]))]);
            console.Write(table);
        }
        console.WriteLine("Value: mean over the set's runs. Below it: the difference to the baseline");
        console.WriteLine($"(and in %), and its 95 % confidence interval; {Mark} = it excludes zero.");
        // One line per way of computing the intervals, naming the sets it applies to.
        foreach (var g in others.GroupBy(Method, StringComparer.Ordinal))
        {
            string sets = g.Count() == others.Count && others.Count > 1 ? "every set" : string.Join(", ", g.Select(p => p.Set.Label));
            console.WriteLine($"{sets} vs {baseline.Set.Label}: {g.Key}");
        }
        var methods = others.Select(p => p.Method).ToHashSet();
        if (methods.Contains(DifferenceMethod.Paired)) console.WriteLine("paired: mean(d) +/- t(0.975, n-1) x sd(d) / sqrt(n), d: per-seed differences");
        if (methods.Contains(DifferenceMethod.Welch)) console.WriteLine("Welch: unequal variances, Welch-Satterthwaite degrees of freedom");
    }

    /// <summary>"paired over seeds 1, 2, 3 (same workload per seed)": how a set's intervals were computed.</summary>
    public static string Method(SetPairing p) => p.Method switch
    {
        DifferenceMethod.Paired => $"paired over seeds {string.Join(", ", p.PairedSeeds.Select(s => s.ToString(CultureInfo.InvariantCulture)))} (same workload per seed)",
        DifferenceMethod.Welch => $"Welch's interval (seeds {p.Set.SeedList} against the baseline's)",
        _ => "no interval (a set of one run)",
    };

    private static string Header(SetPairing p, string? role)
    {
        string runs = p.Set.Runs.Count == 1 ? $"seed {p.Set.SeedList}" : $"{p.Set.Runs.Count.ToString(CultureInfo.InvariantCulture)} seeds";
        return p.Set.Label + "\n" + runs + (role is null ? "" : $"\n({role})");
    }

    /// <summary>The baseline's value; another set's value, difference (and in %), and the interval of the difference.</summary>
    private static string Cell(ComparisonRow r, int decimals, bool baseline)
    {
        if (baseline) return Num(r.Value, decimals);
        var lines = new List<string> { Num(r.Value, decimals), $"{Signed(r.Diff, decimals)} ({Pct(r.DiffPct)})" };
        if (r.Interval is { } i) lines.Add($"[{Num(i.Low, decimals)}, {Num(i.High, decimals)}]{(i.ExcludesZero ? " " + Mark : "")}");
        return string.Join('\n', lines);
    }

    /// <summary>Four significant digits of the largest value, at most 6 decimals: a metric's figures line up (whole counts have none).</summary>
    private static int Decimals(IEnumerable<double> values)
    {
        double max = values.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        return max == 0 ? 2 : Math.Clamp(3 - (int)Math.Floor(Math.Log10(max)), 0, 6);
    }

    private static string Num(double v, int decimals)
    {
        if (!double.IsFinite(v)) return "-";
        double rounded = Math.Round(v, decimals, MidpointRounding.AwayFromZero);
        return (rounded == 0 ? 0 : rounded).ToString("#,0." + new string('0', decimals), CultureInfo.InvariantCulture).TrimEnd('.'); // no "-0"
    }

    private static string Signed(double? v, int decimals)
    {
        if (v is not { } x || !double.IsFinite(x)) return "-";
        string text = Num(x, decimals);
        return x > 0 && text.Any(ch => ch is >= '1' and <= '9') ? "+" + text : text;
    }

    private static string Pct(double? pct) => pct is { } p && double.IsFinite(p) ? p.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%" : "-";
}
