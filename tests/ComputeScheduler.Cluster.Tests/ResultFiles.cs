using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Reports.Results;

namespace ComputeScheduler.Cluster.Tests;

/// <summary>Writes a run's results folder and reads back its deterministic files, for byte comparisons.</summary>
internal static class ResultFiles
{
    public static Dictionary<string, byte[]> Of(Scenario scenario, RunRecorder run)
    {
        var folder = Directory.CreateTempSubdirectory("cs-results-");
        try
        {
            ResultFolder.Write(folder.FullName, scenario, [], run, () => new RunInfo("x", scenario.Seed, "t", "test", 0, run.Events, run.Submitted, run.Windows, run.Messages,
                Reports.Host.HostFactsStandInForHardwareInfo.Read()));
            return ResultFolder.DeterministicFiles.ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(folder.FullName, f)));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
