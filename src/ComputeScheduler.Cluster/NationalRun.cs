using Akka.Actor;
using Akka.Configuration;
using ComputeScheduler.Cluster.Actors;
using ComputeScheduler.Simulation.National;
using ComputeScheduler.Cluster.Protocol;
using ComputeScheduler.Cluster.Telemetry;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Scheduling.Dispatch;

namespace ComputeScheduler.Cluster;

/// <summary>
/// Runs a scenario on actors in one in-process ActorSystem: a run coordinator, the national
/// dispatcher and one actor per centre. Returns what the run produced; writing it is the caller's.
/// </summary>
public static class NationalRun
{
    private static readonly Config InProcess = ConfigurationFactory.ParseString("""
        akka {
          loglevel = WARNING
          stdout-loglevel = WARNING
          log-config-on-start = off
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
          actor.serialize-messages = off
          coordinated-shutdown.run-by-clr-shutdown-hook = off
        }
        """);

    /// <summary>
    /// The same run with no actors: the windows in a plain loop on this thread
    /// (<see cref="SequentialNationalRun"/>), giving the same bytes as <see cref="RunAsync"/>.
    /// </summary>
    public static RunRecorder RunSequential(Scenario scenario, IEnumerable<JobSpec> jobs, PolicyRegistry registry, RunProgress? progress = null)
    {
        using var activity = SimulatorTelemetry.StartRun(scenario, "sequential");
        var recorder = new RunRecorder();
        try
        {
            var totals = NationalParts.Create(scenario, jobs, registry).RunSequential(recorder, progress);
            activity?.SetTag("windows", totals.Windows);
            activity?.SetTag("events", totals.Events);
            return recorder;
        }
        catch
        {
            recorder.Dispose();
            throw;
        }
    }

    public static async Task<RunRecorder> RunAsync(Scenario scenario, IEnumerable<JobSpec> jobs, PolicyRegistry registry, RunProgress? progress = null)
    {
        using var activity = SimulatorTelemetry.StartRun(scenario);
        var parts = NationalParts.Create(scenario, jobs, registry);
        var done = new TaskCompletionSource<RunRecorder>(TaskCreationOptions.RunContinuationsAsynchronously);

        var system = ActorSystem.Create("computesched", InProcess);
        try
        {
            var coordinator = system.ActorOf(RunCoordinator.Props(parts.Engines, parts.Dispatcher, parts.Planner, done, progress ?? new RunProgress()), "coordinator");
            coordinator.Tell(StartRun.Instance);
            var result = await done.Task.ConfigureAwait(false);
            activity?.SetTag("windows", result.Windows);
            activity?.SetTag("events", result.Events);
            return result;
        }
        finally
        {
            await system.Terminate().ConfigureAwait(false);
        }
    }
}
