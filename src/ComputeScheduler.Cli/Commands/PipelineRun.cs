using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Scheduling;

namespace ComputeScheduler.Cli.Commands;

/// <summary>One accepted run of `run` or `replay`, as <see cref="RunPipeline"/> carries it out.</summary>
/// <param name="Jobs">The workload, streamed: read once, as the run goes.</param>
/// <param name="Folder">The staged results folder the run is written into.</param>
/// <param name="Mode">What the run is, for run.json (e.g. "native jobs", "replay of swf trace").</param>
internal sealed record PipelineRun(Scenario Scenario, IEnumerable<JobSpec> Jobs, PolicyRegistry Registry, StagedResultFolder Folder, string Mode)
{
    /// <summary>Input files copied into the results folder.</summary>
    public IReadOnlyList<string> Copies { get; init; } = [];

    /// <summary>SHA-256 of the input files, for run.json.</summary>
    public string InputsSha256 { get; init; } = "";

    /// <summary>Jobs and days the progress display counts towards, when known before the run.</summary>
    public long? TotalJobs { get; init; }

    public double? Days { get; init; }

    /// <summary>The cluster to run the centres on; null for this process.</summary>
    public ClusterRunRequest? Cluster { get; init; }

    /// <summary>In this process, the windows in a plain loop rather than on actors (same bytes).</summary>
    public bool Sequential { get; init; }

    /// <summary>The format of the results tables (CSV or Parquet).</summary>
    public ResultsFormat ResultsFormat { get; init; } = ResultsFormat.Csv;

    /// <summary>The host as run.json names it.</summary>
    public string Host => Cluster is { } c ? $"cluster of {c.MinWorkers}+ worker(s), sharded centres" : Sequential ? "in-process, sequential (no actors)" : "in-process actors";
}
