using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Simulation.Tests.Properties;

namespace ComputeScheduler.Cluster.Tests;

/// <summary>
/// Random national cases (the generators of the engine property tests) on the in-process actor run:
/// the same invariants hold, and the actors give exactly what the sequential window run gives.
/// Fewer cases than the sequential tests: each one starts and stops an actor system.
/// </summary>
public class NationalRunPropertyTests
{
    [Fact]
    public Task Random_national_runs_on_actors_keep_the_engine_invariants_and_equal_the_sequential_window_run()
        => FixedSample.RunAsync(PropertyCases.National, stream: 3, seed: 20261129, cases: 120, async c =>
        {
            var logs = new List<CentreLog>();
            using var recorder = await NationalRun.RunAsync(c.Scenario, c.Jobs, Recording(logs));
            Assert.Equal(c.Scenario.Centres.Count, logs.Count);
            var samples = Enumerable.Range(0, c.Scenario.Centres.Count).Select(i => recorder.Samples.Where(s => s.Centre.Value == i).ToList()).ToArray();
            var outcomes = recorder.Outcomes.ToList();
            // The engines live inside the actors: the end-of-run capacity check is the sequential tests'.
            EngineInvariants.CheckAll(c, new CaseRun(outcomes, samples, [], [.. logs], recorder.Makespan));
            Assert.Equal(c.Jobs.Length, recorder.Submitted);

            var sequential = CaseRunner.Run(c, record: false);
            Assert.Equal(sequential.Outcomes.OrderBy(o => o.Id.Value), outcomes);
            for (int i = 0; i < samples.Length; i++) Assert.Equal(sequential.Samples[i], samples[i]);
        });

    /// <summary>The built-in policies, each centre's queue order and placement wrapped to record its runs in its own log (centres in scenario order).</summary>
    private static PolicyRegistry Recording(List<CentreLog> logs)
    {
        var builtIn = PolicyRegistry.CreateBuiltIn();
        var registry = new PolicyRegistry();
        foreach (var name in builtIn.Names(PolicyKind.Dispatch)) registry.AddDispatch(name, () => builtIn.CreateDispatch(name));
        Simulation.Policies.IQueueOrderPolicy? lastQueue = null;
        foreach (var name in builtIn.Names(PolicyKind.QueueOrder))
            registry.AddQueueOrder(name, (PolicySelection selection) =>
            {
                var log = new CentreLog();
                logs.Add(log);
                lastQueue = builtIn.CreateQueueOrder(name, selection);
                return RecordingQueueOrder.Wrap(lastQueue, log);
            });
        // Each centre's placement is made right after its queue order: Gavel's placement follows that centre's rounds, as CentreEngineFactory links them.
        foreach (var name in builtIn.Names(PolicyKind.Placement))
            registry.AddPlacement(name, () =>
            {
                var placement = builtIn.CreatePlacement(name);
                if (placement is Scheduling.QueueOrder.Gavel.GavelPlacement gavel && lastQueue is Scheduling.QueueOrder.Gavel.GavelQueueOrder rounds) gavel.Follow(rounds);
                return new RecordingPlacement(placement, logs[^1]);
            });
        return registry;
    }
}
