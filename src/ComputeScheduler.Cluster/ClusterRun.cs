using Akka.Actor;
using ComputeScheduler.Cluster.Actors;
using ComputeScheduler.Simulation.National;
using ComputeScheduler.Cluster.Protocol;
using ComputeScheduler.Cluster.Sharding;
using ComputeScheduler.Cluster.Telemetry;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Scheduling.Dispatch;

namespace ComputeScheduler.Cluster;

/// <summary>
/// Runs a scenario with its centres placed by Cluster Sharding on worker nodes: the same run
/// coordinator, window protocol and national dispatcher (on this, the coordinator's node) as
/// <see cref="NationalRun"/>, so the result is the same. The caller owns the ActorSystem.
/// </summary>
public static class ClusterRun
{
    /// <param name="system">This node's ActorSystem, made from a <see cref="ClusterConfig"/> with the coordinator role.</param>
    /// <param name="recipe">What worker nodes resolve to this <paramref name="scenario"/>.</param>
    public static async Task<RunRecorder> RunAsync(ActorSystem system, Scenario scenario, ScenarioRecipe recipe, IEnumerable<JobSpec> jobs,
        PolicyRegistry registry, int minWorkers, TimeSpan workerWait, RecoverySettings? recovery = null, RunProgress? progress = null)
    {
        using var activity = SimulatorTelemetry.StartRun(scenario, "cluster");
        IActorRef region;
        using (var wait = SimulatorTelemetry.Activities.StartActivity("computesched.cluster.wait-for-workers"))
        {
            wait?.SetTag("workers", minWorkers);
            var deadline = DateTime.UtcNow + workerWait;
            await WaitForWorkersAsync(system, minWorkers, workerWait).ConfigureAwait(false);
            region = CentreSharding.StartProxy(system);
            await WaitForRegionsAsync(region, minWorkers, deadline).ConfigureAwait(false);
        }
        var dispatcher = NationalParts.CreateDispatcher(scenario, registry);
        var planner = NationalParts.CreatePlanner(scenario, jobs);
        var done = new TaskCompletionSource<RunRecorder>(TaskCreationOptions.RunContinuationsAsynchronously);
        progress ??= new RunProgress();
        recipe = recipe with { RunId = Guid.NewGuid().ToString("N") };
        var link = ClusterCentres.Props(region, recipe, scenario.Centres.Count, recovery ?? RecoverySettings.Default, progress);
        var coordinator = system.ActorOf(RunCoordinator.Props(scenario.Centres.Count, link, dispatcher, planner, done, progress));
        try
        {
            coordinator.Tell(StartRun.Instance);
            var result = await done.Task.ConfigureAwait(false);
            activity?.SetTag("windows", result.Windows);
            activity?.SetTag("events", result.Events);
            return result;
        }
        finally
        {
            system.Stop(coordinator);
        }
    }

    /// <summary>Waits until the shard coordinator knows <paramref name="minWorkers"/> worker regions, so that centres spread over them.</summary>
    private static async Task WaitForRegionsAsync(IActorRef region, int minWorkers, DateTime deadline)
    {
        while (true)
        {
            int known = 0;
            try
            {
                var regions = await region.Ask<Akka.Cluster.Sharding.CurrentRegions>(Akka.Cluster.Sharding.GetCurrentRegions.Instance, TimeSpan.FromSeconds(2)).ConfigureAwait(false);
                known = regions.Regions.Count;
                if (known >= minWorkers) return;
            }
            catch (AskTimeoutException)
            {
                // The shard coordinator is not up yet.
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the workers joined but only {known} of {minWorkers} started hosting centres in time");
            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until this node is Up and at least <paramref name="minWorkers"/> worker nodes are Up.</summary>
    public static async Task WaitForWorkersAsync(ActorSystem system, int minWorkers, TimeSpan timeout)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var admission = ClusterAdmission.Of(system);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (admission?.Refusal is { IsCompleted: true } refusal) throw new ClusterRefusedException(await refusal.ConfigureAwait(false));
            var state = cluster.State;
            int workers = state.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up && m.HasRole(ClusterConfig.WorkerRole));
            if (cluster.SelfMember.Status == Akka.Cluster.MemberStatus.Up && workers >= minWorkers) return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"waited {timeout.TotalSeconds:0} s for {minWorkers} worker node(s) to join the cluster at {cluster.SelfAddress}; {workers} joined"
                    + (admission?.Unanswered is { } silent ? $" (no node answers at {silent})" : ""));
            await Task.Delay(100).ConfigureAwait(false);
        }
    }
}
