using System.Security.Cryptography;
using ComputeScheduler.Model.Scenarios;

namespace ComputeScheduler.Reports.Results;

/// <summary>
/// One folder per run: scenario/ (copies of the input files), summary.json, jobs.csv,
/// timeseries.csv, capacity.csv (or jobs.parquet, timeseries.parquet, capacity.parquet), and run.json last. The folder is written while it is still a staging folder
/// (<see cref="StagedResultFolder"/>) and moved into place whole; every file in it is also written
/// under a temporary name and renamed when complete.
/// </summary>
public static class ResultFolder
{
    public const string Summary = "summary.json";
    public const string Jobs = "jobs.csv";
    public const string Timeseries = "timeseries.csv";
    public const string Run = "run.json";
    public const string Capacity = "capacity.csv";
    public const string JobsParquet = "jobs.parquet";
    public const string TimeseriesParquet = "timeseries.parquet";
    public const string CapacityParquet = "capacity.parquet";
    public const string ScenarioCopies = "scenario";

    /// <summary>The files whose bytes must be identical for the same scenario, seed and inputs.</summary>
    public static readonly string[] DeterministicFiles = [Summary, Jobs, Timeseries, Capacity];

    /// <summary>SHA-256 over the input files' names and bytes, in the order given.</summary>
    public static string HashInputs(IReadOnlyList<string> inputFiles)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var f in inputFiles)
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(f) + "\n"));
            using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = stream.Read(buffer, 0, buffer.Length)) > 0;) sha.AppendData(buffer, 0, n);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <param name="workloadSha256">The fingerprint of the jobs the run was given, written into summary.json when known.</param>
    /// <param name="format">CSV files (jobs.csv, timeseries.csv, capacity.csv), or Parquet files of the same tables (jobs.parquet, ...) instead.</param>
    public static RunSummary Write(string folder, Scenario scenario, IReadOnlyList<string> inputFiles, RunRecorder run, Func<RunInfo> runInfo,
        string? workloadSha256 = null, ResultsFormat format = ResultsFormat.Csv)
    {
        Directory.CreateDirectory(folder);
        string copies = Path.Combine(folder, ScenarioCopies);
        foreach (var f in inputFiles)
        {
            byte[] bytes = File.ReadAllBytes(f);
            AtomicFile.Write(Path.Combine(copies, Path.GetFileName(f)), s => s.Write(bytes));
        }
        // The summary is computed from the outcomes as they are read for the jobs file: one read of the spill, not two.
        var pass = new SummaryBuilder.Pass(scenario, run);
        if (format == ResultsFormat.Parquet)
        {
            AtomicFile.Write(Path.Combine(folder, JobsParquet), s => ResultsParquet.WriteJobs(s, pass.Over(run.OutcomesInIdOrder()), scenario.Centres, scenario.Wan));
            AtomicFile.Write(Path.Combine(folder, TimeseriesParquet), s => ResultsParquet.WriteTimeseriesOrdered(s, run.SamplesInOrder(), scenario.Centres));
            AtomicFile.Write(Path.Combine(folder, CapacityParquet), s => ResultsParquet.WriteCapacity(s, scenario.Timeline));
        }
        else
        {
            AtomicFile.Write(Path.Combine(folder, Jobs), s => JobsCsv.Write(s, pass.Over(run.OutcomesInIdOrder()), scenario.Centres, scenario.Wan));
            AtomicFile.Write(Path.Combine(folder, Timeseries), s => TimeseriesCsv.WriteOrdered(s, run.SamplesInOrder(), scenario.Centres));
            AtomicFile.Write(Path.Combine(folder, Capacity), s => CapacityCsv.Write(s, scenario.Timeline));
        }
        var summary = (pass.Count == run.OutcomeCount ? pass.Build() : SummaryBuilder.Build(scenario, run)) with { WorkloadSha256 = workloadSha256 };
        AtomicFile.Write(Path.Combine(folder, Summary), s => SummaryJson.Write(s, summary));
        var info = runInfo();
        AtomicFile.Write(Path.Combine(folder, Run), info.Write);
        return summary;
    }
}
