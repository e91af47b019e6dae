using System.Diagnostics;
using Akka.Actor;
using ComputeScheduler.Cluster;
using ComputeScheduler.Simulation.National;
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
/// What run and replay share once their input is accepted: simulate on the in-process actor system
/// (or a cluster, or the sequential driver) with progress, write the results into the staged folder and move it into place
/// whole, show the summary. On any failure the staged folder is dropped and nothing is written.
/// </summary>
internal static class RunPipeline
{
    public static async Task<int> RunAsync(IAnsiConsole console, TextWriter error, PipelineRun run)
    {
        var (scenario, folder, cluster) = (run.Scenario, run.Folder, run.Cluster);
        // Raw, unwrapped: the folder's name is something to copy.
        console.Profile.Out.Writer.WriteLine($"results folder: {folder.Target}");
        var progress = new RunProgress();
        var workload = new WorkloadFingerprint();
        var jobs = workload.Over(run.Jobs);
        string mode = run.Mode.Length == 0 ? run.Host : $"{run.Host}, {run.Mode}";
        var wall = Stopwatch.StartNew();
        RunRecorder recorder;
        ActorSystem? system = null;
        try
        {
            Task<RunRecorder> runTask;
            if (cluster is not null)
            {
                system = cluster.Node.CreateSystem(error.WriteLine);
                runTask = ClusterRun.RunAsync(system, scenario, cluster.Recipe, jobs, run.Registry, cluster.MinWorkers, cluster.WorkerWait, progress: progress);
            }
            else if (run.Sequential) runTask = Task.Run(() => NationalRun.RunSequential(scenario, jobs, run.Registry, progress));
            else runTask = NationalRun.RunAsync(scenario, jobs, run.Registry, progress);
            FaultPoint.Reach("simulate");
            await ProgressDisplay.ShowAsync(console, progress, runTask, run.TotalJobs, run.Days).ConfigureAwait(false);
            recorder = await runTask.ConfigureAwait(false);
        }
        catch (CentresLostException e)
        {
            // Nothing is written: the staged folder is dropped.
            error.WriteLine($"run failed: {e.Message}; no results written");
            return ExitCodes.CentresLost;
        }
        catch (ClusterRefusedException e)
        {
            error.WriteLine(e.Message);
            return ExitCodes.BadInput;
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
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // E.g. the outcomes and samples the run spills to the temporary folder meet a full disk: the message names the file.
            error.WriteLine($"run failed: {e.Message} (no results written)");
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
            summary = ResultFolder.Write(folder.Path, scenario, run.Copies, recorder, () => new RunInfo(
                run.InputsSha256, scenario.Seed, typeof(RunPipeline).Assembly.GetName().Version?.ToString() ?? "0",
                mode, wall.Elapsed.TotalSeconds, recorder.Events, recorder.Submitted, recorder.Windows, recorder.Messages,
                HostFactsStandInForHardwareInfo.Read()), workload.Sha256, run.ResultsFormat);
            folder.Publish();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"cannot write results to {folder.Target}: {e.Message} (nothing written; an earlier run there is kept whole)");
            return ExitCodes.RunFailed;
        }
        SummaryTable.Show(console, summary, folder.Target, wall.Elapsed.TotalSeconds);
        return ExitCodes.Ok;
    }
}
