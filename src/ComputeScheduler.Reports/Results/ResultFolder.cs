using System.Security.Cryptography;
using ComputeScheduler.Model.Scenarios;

namespace ComputeScheduler.Reports.Results;

/// <summary>
/// One folder per run: scenario/ (copies of the input files), summary.json, jobs.csv,
/// timeseries.csv, and run.json last. Every file is written under a temporary name and renamed
/// when complete, so a crash never leaves a half file that looks whole.
/// </summary>
public static class ResultFolder
{
    public const string Summary = "summary.json";
    public const string Jobs = "jobs.csv";
    public const string Timeseries = "timeseries.csv";
    public const string Run = "run.json";

    /// <summary>The files whose bytes must be identical for the same scenario, seed and inputs.</summary>
    public static readonly string[] DeterministicFiles = [Summary, Jobs, Timeseries];

    /// <summary>SHA-256 over the input files' names and bytes, in the order given.</summary>
    public static string HashInputs(IReadOnlyList<string> inputFiles)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var f in inputFiles)
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(f) + "\n"));
            sha.AppendData(File.ReadAllBytes(f));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    public static RunSummary Write(string folder, Scenario scenario, IReadOnlyList<string> inputFiles, RunRecorder run, Func<RunInfo> runInfo)
    {
        Directory.CreateDirectory(folder);
        string copies = Path.Combine(folder, "scenario");
        foreach (var f in inputFiles)
        {
            byte[] bytes = File.ReadAllBytes(f);
            AtomicFile.Write(Path.Combine(copies, Path.GetFileName(f)), s => s.Write(bytes));
        }
        var summary = SummaryBuilder.Build(scenario, run);
        AtomicFile.Write(Path.Combine(folder, Jobs), s => JobsCsv.Write(s, run.OutcomesInIdOrder(), scenario.Centres));
        AtomicFile.Write(Path.Combine(folder, Timeseries), s => TimeseriesCsv.Write(s, run.Samples, scenario.Centres));
        AtomicFile.Write(Path.Combine(folder, Summary), s => SummaryJson.Write(s, summary));
        var info = runInfo();
        AtomicFile.Write(Path.Combine(folder, Run), info.Write);
        return summary;
    }
}
