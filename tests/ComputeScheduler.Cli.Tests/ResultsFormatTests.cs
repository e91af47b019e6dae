using System.Globalization;
using ComputeScheduler.Testing;
using CsvHelper;
using Parquet;
using Parquet.Schema;

namespace ComputeScheduler.Cli.Tests;

/// <summary>`--results-format parquet`: the same tables as the CSV files, typed, read back with Parquet.Net; and a bad value refused.</summary>
public class ResultsFormatTests
{
    [Fact]
    public async Task A_parquet_run_writes_the_rows_of_the_csv_run_column_by_column_typed_with_nulls_where_the_csv_is_empty()
    {
        using var dir = new TempFolder();
        // growth-2027 has a timeline (capacity rows); fewer jobs and a daily time series keep it short.
        string[] args = ["run", RepoPaths.Topology("growth-2027.yaml"), "--set", "workload.jobs=3000", "--set", "simulation.timeseriesIntervalS=86400"];
        string csvFolder = Path.Combine(dir.File("csv"), "run"), parquetFolder = Path.Combine(dir.File("parquet"), "run"); // one name: the report shows it
        var csvRun = await CliRunner.RunAsync([.. args, "--out", csvFolder]);
        Assert.True(csvRun.ExitCode == 0, csvRun.Error);
        var parquetRun = await CliRunner.RunAsync([.. args, "--results-format", "parquet", "--out", parquetFolder]);
        Assert.True(parquetRun.ExitCode == 0, parquetRun.Error);

        foreach (var (csv, parquet) in new[] { ("jobs.csv", "jobs.parquet"), ("timeseries.csv", "timeseries.parquet"), ("capacity.csv", "capacity.parquet") })
        {
            Assert.False(File.Exists(Path.Combine(parquetFolder, csv)), $"{csv} is not written with parquet");
            var (header, rows) = ReadCsv(Path.Combine(csvFolder, csv));
            var (fields, columns) = await ReadParquet(Path.Combine(parquetFolder, parquet));
            Assert.Equal(header, fields.Select(f => f.Name));
            Assert.NotEmpty(rows);
            for (int c = 0; c < header.Length; c++)
            {
                Assert.Equal(rows.Count, columns[c].Length);
                for (int r = 0; r < rows.Count; r++)
                {
                    string text = rows[r][c];
                    object? value = columns[c].GetValue(r);
                    string where = $"{parquet} row {r} column {header[c]}";
                    switch (value)
                    {
                        case double d:
                            Assert.True(double.Parse(text, CultureInfo.InvariantCulture) == d, $"{where}: {text} vs {d:R}");
                            break;
                        case long l:
                            Assert.True(long.Parse(text, CultureInfo.InvariantCulture) == l, $"{where}: {text} vs {l}");
                            break;
                        case string s:
                            Assert.True(s == text && s.Length > 0, $"{where}: '{text}' vs '{s}'");
                            break;
                        case null:
                            Assert.True(text == "", $"{where}: '{text}' vs null");
                            break;
                        default:
                            Assert.Fail($"{where}: a {value.GetType()}");
                            break;
                    }
                }
            }
        }
        Assert.Equal(File.ReadAllBytes(Path.Combine(csvFolder, "summary.json")), File.ReadAllBytes(Path.Combine(parquetFolder, "summary.json")));

        // The report reads the Parquet tables as it reads the CSV files: the same page.
        var csvReport = await CliRunner.RunAsync("report", csvFolder, "--out", dir.File("csv.html"));
        Assert.True(csvReport.ExitCode == 0, csvReport.Error);
        var parquetReport = await CliRunner.RunAsync("report", parquetFolder, "--out", dir.File("parquet.html"));
        Assert.True(parquetReport.ExitCode == 0, parquetReport.Error);
        Assert.Equal(File.ReadAllBytes(dir.File("csv.html")), File.ReadAllBytes(dir.File("parquet.html")));
    }

    [Fact]
    public async Task An_unknown_results_format_is_refused_in_one_line_naming_the_option_and_the_formats()
    {
        using var dir = new TempFolder();
        string outDir = dir.File("out");

        var result = await CliRunner.RunAsync("run", RepoPaths.Topology("single-centre.yaml"), "--results-format", "xlsx", "--out", outDir);

        BadInputTests.AssertRefused(result, outDir, "xlsx", "--results-format", "csv", "parquet");
    }

    [Fact]
    public async Task Replay_takes_the_results_format_too()
    {
        using var dir = new TempFolder();
        string outDir = dir.File("out");

        var result = await CliRunner.RunAsync("replay", RepoPaths.Data("tiresias/60_job.csv"), "--format", "tiresias", "--topology", RepoPaths.Topology("single-centre.yaml"),
            "--results-format", "parquet", "--out", outDir);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(["capacity.parquet", "jobs.parquet", "run.json", "scenario", "summary.json", "timeseries.parquet"],
            Directory.GetFileSystemEntries(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var (_, columns) = await ReadParquet(Path.Combine(outDir, "jobs.parquet"));
        Assert.Equal(60, columns[0].Length);
    }

    private static (string[] Header, List<string[]> Rows) ReadCsv(string path)
    {
        using var csv = CsvReader.Create(File.OpenRead(path), new CsvReaderOptions { Separator = ',' }, leaveOpen: false);
        string[] header = [.. csv.Headers ?? []];
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add(Enumerable.Range(0, header.Length).Select(i => csv.GetString(i)).ToArray());
        return (header, rows);
    }

    /// <summary>Every column of every row group, concatenated.</summary>
    private static async Task<(DataField[] Fields, Array[] Columns)> ReadParquet(string path)
    {
        using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var fields = reader.Schema.GetDataFields();
        var parts = fields.Select(_ => new List<Array>()).ToArray();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            for (int c = 0; c < fields.Length; c++) parts[c].Add(ComputeScheduler.Reports.Results.ResultsParquet.ReadColumn(group, fields[c]));
        }
        return (fields, parts.Select(p => (Array)p.SelectMany(a => a.Cast<object?>()).ToArray()).ToArray());
    }
}
