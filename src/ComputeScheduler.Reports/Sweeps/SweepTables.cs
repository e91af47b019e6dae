using System.Globalization;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Reports.Statistics;
using CsvHelper;

namespace ComputeScheduler.Reports.Sweeps;

/// <summary>One run of a sweep as sweep.csv lists it: its cell, seed, outcome and headline metrics (null when it has none).</summary>
/// <param name="Labels">The cell's value of each swept parameter, in the sweep's parameter order.</param>
/// <param name="Status">ok, failed, or missing (not run yet: the sweep was stopped before it).</param>
public sealed record SweepRunRow(string Cell, IReadOnlyList<string> Labels, int Seed, string Status, string Folder, string Error, IReadOnlyList<double>? Metrics);

/// <summary>One cell of a sweep summarised over its seeds: runs finished and failed, and each headline metric's <see cref="MeanInterval"/> in <see cref="HeadlineMetrics.All"/>' order.</summary>
public sealed record SweepCellSummary(string Cell, IReadOnlyList<string> Labels, int Runs, int Failed, IReadOnlyList<MeanInterval> Metrics);

/// <summary>
/// sweep.csv (one row per cell and seed) and sweep-summary.csv (one row per cell: mean, standard
/// deviation and 95 % confidence interval of every headline metric over the cell's seeds).
/// </summary>
public static class SweepTables
{
    public const string Runs = "sweep.csv";
    public const string Summary = "sweep-summary.csv";

    public static void WriteRuns(Stream stream, IReadOnlyList<string> parameters, IEnumerable<SweepRunRow> rows)
    {
        using var csv = CsvWriter.Create(stream, new CsvWriterOptions { NewLine = "\n" }, true);
        csv.WriteRecord((string[])["cell", .. parameters, "seed", "status", "folder", .. HeadlineMetrics.All.Select(m => m.Name), "error"]);
        foreach (var r in rows)
        {
            csv.WriteField(r.Cell);
            foreach (string label in r.Labels) csv.WriteField(label);
            csv.WriteField(r.Seed.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(r.Status);
            csv.WriteField(r.Folder);
            for (int i = 0; i < HeadlineMetrics.All.Count; i++) csv.WriteField(r.Metrics is { } m ? Cell(m[i]) : "");
            csv.WriteField(r.Error);
            csv.EndRecord();
        }
    }

    /// <summary>Each cell's runs summarised: finished and failed runs, and every headline metric's mean and 95 % interval over the finished ones.</summary>
    public static IReadOnlyList<SweepCellSummary> Summarise(IEnumerable<SweepRunRow> rows)
        => [.. rows.GroupBy(r => r.Cell).Select(cell =>
        {
            var done = cell.Where(r => r.Metrics is not null).ToList();
            return new SweepCellSummary(cell.Key, cell.First().Labels, done.Count, cell.Count(r => r.Status == "failed"),
                [.. Enumerable.Range(0, HeadlineMetrics.All.Count).Select(i => MeanInterval.Of([.. done.Select(r => r.Metrics![i])]))]);
        })];

    public static void WriteSummary(Stream stream, IReadOnlyList<string> parameters, IEnumerable<SweepCellSummary> cells)
    {
        using var csv = CsvWriter.Create(stream, new CsvWriterOptions { NewLine = "\n" }, true);
        var header = new List<string> { "cell" };
        header.AddRange(parameters);
        header.AddRange(["runs", "failed"]);
        foreach (var m in HeadlineMetrics.All) header.AddRange([$"{m.Name}_mean", $"{m.Name}_sd", $"{m.Name}_ci95_low", $"{m.Name}_ci95_high"]);
        csv.WriteRecord(header.ToArray());
        foreach (var cell in cells)
        {
            csv.WriteField(cell.Cell);
            foreach (string label in cell.Labels) csv.WriteField(label);
            csv.WriteField(cell.Runs.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(cell.Failed.ToString(CultureInfo.InvariantCulture));
            foreach (var ci in cell.Metrics)
                foreach (double v in new[] { ci.Mean, ci.StandardDeviation, ci.Low, ci.High }) csv.WriteField(Cell(v));
            csv.EndRecord();
        }
    }

    private static string Cell(double v) => double.IsNaN(v) ? "" : Fmt.Number(v);
}
