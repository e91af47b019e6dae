using System.Globalization;
using System.Text.Json;
using ComputeScheduler.Workloads;

namespace ComputeScheduler.Reports.Html.Data;

/// <summary>One metric of sweep-summary.csv: per cell (row), its mean and 95 % confidence interval (NaN where the cell has none).</summary>
public sealed record SweepMetric(string Name, double[] Mean, double[] Ci95Low, double[] Ci95High);

/// <summary>A sweep folder: sweep.json (name, swept parameters, seeds, cells) and sweep-summary.csv (one row per cell).</summary>
public sealed record SweepResults(
    string Folder,
    string Name,
    IReadOnlyList<string> Parameters,
    IReadOnlyList<long> Seeds,
    int Cells,
    IReadOnlyList<string> Header,
    IReadOnlyList<string[]> Rows,
    IReadOnlyList<string[]> ParameterValues,
    IReadOnlyList<SweepMetric> Metrics)
{
    public const string SweepFile = "sweep.json";
    public const string SummaryFile = "sweep-summary.csv";

    public static bool IsSweepFolder(string folder) => File.Exists(Path.Combine(folder, SweepFile));

    public static SweepResults Read(string folder)
    {
        string sweepFile = Path.Combine(folder, SweepFile);
        var j = new JsonRead(sweepFile);
        string name;
        List<string> parameters;
        List<long> seeds;
        int cells;
        using (var doc = JsonRead.Parse(sweepFile))
        {
            var root = doc.RootElement;
            name = j.Str(root, "name");
            parameters = j.Array(root, "parameters").Select(p => p.Item.ValueKind == JsonValueKind.String ? p.Item.GetString()! : throw j.Wrong(p.Path.TrimEnd('.'), "a string", p.Item)).ToList();
            seeds = j.Array(root, "seeds").Select(p => p.Item.ValueKind == JsonValueKind.Number && p.Item.TryGetInt64(out long s) ? s : throw j.Wrong(p.Path.TrimEnd('.'), "a whole number", p.Item)).ToList();
            cells = j.Array(root, "cells").Count();
        }

        string summaryFile = Path.Combine(folder, SummaryFile);
        if (!File.Exists(summaryFile)) throw new InputException($"{summaryFile}: expected the sweep's summary beside {SweepFile}, got no such file");
        using var t = new CsvTable(summaryFile);
        var header = t.Header.ToList();
        var paramColumns = parameters.Select(t.Column).ToArray();
        var rows = new List<string[]>();
        while (t.Read()) rows.Add(Enumerable.Range(0, header.Count).Select(t.Text).ToArray());

        var metrics = new List<SweepMetric>();
        foreach (string column in header)
        {
            if (!column.EndsWith("_mean", StringComparison.Ordinal)) continue;
            string metric = column[..^"_mean".Length];
            int mean = t.Column(metric + "_mean"), low = t.Column(metric + "_ci95_low"), high = t.Column(metric + "_ci95_high");
            metrics.Add(new SweepMetric(metric, Column(rows, mean), Column(rows, low), Column(rows, high)));
        }
        var values = rows.Select(r => paramColumns.Select(c => r[c]).ToArray()).ToList();
        return new SweepResults(folder, name, parameters, seeds, cells, header, rows, values, metrics);
    }

    /// <summary>A column's numbers; an empty field (a cell without runs) or one that is not a number is NaN.</summary>
    private static double[] Column(List<string[]> rows, int column)
        => rows.Select(r => double.TryParse(r[column], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : double.NaN).ToArray();
}
