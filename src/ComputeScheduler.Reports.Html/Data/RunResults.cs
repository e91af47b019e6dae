using ComputeScheduler.Reports.Results;

namespace ComputeScheduler.Reports.Html.Data;

/// <summary>Everything the report of one run reads from its results folder.</summary>
public sealed record RunResults(string Folder, RunSummaryFile Summary, Timeseries Timeseries, JobTimes Jobs, CentreMap Map)
{
    public static RunResults Read(string folder) => new(
        folder,
        RunSummaryFile.Read(RunSummaryFile.PathIn(folder)),
        Timeseries.Read(folder),
        JobTimes.Read(folder),
        CentreMap.Read(folder));

    /// <summary>A results folder has run.json (written last).</summary>
    public static bool IsResultsFolder(string folder) => File.Exists(Path.Combine(folder, ResultFolder.Run));
}
