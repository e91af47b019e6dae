using System.Diagnostics;
using Akka.Actor;
using ComputeScheduler.Cluster;
using ComputeScheduler.Cluster.Coordination;
using ComputeScheduler.Cluster.Telemetry;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Reports.Host;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Workloads;
using Spectre.Console;

namespace ComputeScheduler.Cli.Commands;

/// <summary>
/// What run and replay share once their input is accepted: create the results folder, simulate on
/// the in-process actor system with progress, write the results, show the summary.
/// </summary>
internal static class RunPipeline
{
    public static int PrepareFolder(string outDir, TextWriter error)
    {
        if (File.Exists(outDir))
        {
            error.WriteLine($"--out {outDir}: expected a folder, got an existing file");
            return ExitCodes.BadInput;
        }
        try
        {
            Directory.CreateDirectory(outDir);
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            error.WriteLine($"--out {outDir}: cannot create the results folder: {e.Message}");
            return ExitCodes.BadInput;
        }
    }

    /// <param name="copies">Input files copied into the results folder.</param>
    /// <param name="hashed">Input files whose SHA-256 goes to run.json.</param>
    public static async Task<int> RunAsync(IAnsiConsole console, TextWriter error, Scenario scenario, IEnumerable<JobSpec> jobs,
        PolicyRegistry registry, string outDir, IReadOnlyList<string> copies, IReadOnlyList<string> hashed, string mode, long? totalJobs, double? days,
        ClusterRunRequest? cluster = null)
    {
        var progress = new RunProgress();
        var wall = Stopwatch.StartNew();
        RunRecorder recorder;
        ActorSystem? system = null;
        try
        {
            Task<RunRecorder> runTask;
            if (cluster is null) runTask = NationalRun.RunAsync(scenario, jobs, registry, progress);
            else
            {
                mode = $"cluster of {cluster.MinWorkers}+ worker(s): " + mode.Replace("in-process actors", "sharded centres", StringComparison.Ordinal);
                system = ActorSystem.Create(cluster.Node.SystemName, cluster.Node.ToConfig());
                runTask = ClusterRun.RunAsync(system, scenario, cluster.Recipe, jobs, registry, cluster.MinWorkers, cluster.WorkerWait, progress: progress);
            }
            await ProgressDisplay.ShowAsync(console, progress, runTask, totalJobs, days).ConfigureAwait(false);
            recorder = await runTask.ConfigureAwait(false);
        }
        catch (CentresLostException e)
        {
            // Nothing is written: the results folder holds no file that could pass for a whole run.
            error.WriteLine($"run failed: {e.Message}; no results written");
            return ExitCodes.CentresLost;
        }
        catch (TimeoutException e)
        {
            error.WriteLine($"run failed: {e.Message}");
            return ExitCodes.RunFailed;
        }
        catch (InputException e)
        {
            // A trace streams while the run goes on: a bad line stops the run, and nothing is written.
            error.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
        catch (InvalidOperationException e)
        {
            error.WriteLine($"run failed: {e.Message}");
            return ExitCodes.RunFailed;
        }
        finally
        {
            if (system is not null) await system.Terminate().ConfigureAwait(false);
        }
        wall.Stop();
        using var spilled = recorder; // deletes the outcomes spilled to temporary files
        RunSummary summary;
        try
        {
            using var write = SimulatorTelemetry.Activities.StartActivity("computesched.write-results");
            summary = ResultFolder.Write(outDir, scenario, copies, recorder, () => new RunInfo(
                ResultFolder.HashInputs(hashed), scenario.Seed, typeof(RunPipeline).Assembly.GetName().Version?.ToString() ?? "0",
                mode, wall.Elapsed.TotalSeconds, recorder.Events, recorder.Submitted, recorder.Windows, recorder.Messages,
                HostFactsStandInForHardwareInfo.Read()));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"cannot write results to {outDir}: {e.Message} (files already complete there are whole; run.json is written last)");
            return ExitCodes.RunFailed;
        }
        SummaryTable.Show(console, summary, outDir, wall.Elapsed.TotalSeconds);
        return ExitCodes.Ok;
    }
}
