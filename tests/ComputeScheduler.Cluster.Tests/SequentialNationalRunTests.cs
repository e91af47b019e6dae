using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Testing;
using ComputeScheduler.Workloads.Scenarios;
using ComputeScheduler.Workloads.Synthetic;

namespace ComputeScheduler.Cluster.Tests;

/// <summary>The national level run by a plain loop gives the bytes the actors give: it is the same room, hosted differently.</summary>
public class SequentialNationalRunTests
{
    private static Dictionary<string, byte[]> Files(Scenario scenario, RunRecorder run)
    {
        using var dir = new TempFolder();
        ResultFolder.Write(dir.Path, scenario, [], run, () => new RunInfo("x", scenario.Seed, "t", "test", 0, run.Events, run.Submitted, run.Windows, 0,
            Reports.Host.HostFactsStandInForHardwareInfo.Read()));
        return ResultFolder.DeterministicFiles.ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(dir.Path, f)));
    }

    private static async Task AssertSameBytes(Scenario scenario, IReadOnlyList<Model.Jobs.JobSpec> jobs)
    {
        using var actors = await NationalRun.RunAsync(scenario, jobs, PolicyRegistry.CreateBuiltIn());
        using var sequential = new RunRecorder();
        var totals = NationalParts.Create(scenario, jobs, PolicyRegistry.CreateBuiltIn()).RunSequential(sequential);

        Assert.Equal(jobs.Count, sequential.OutcomeCount);
        Assert.Equal((actors.Submitted, actors.Windows, actors.Events), (totals.Submitted, totals.Windows, totals.Events));
        Assert.True(totals.Windows > 1);
        var expected = Files(scenario, actors);
        var actual = Files(scenario, sequential);
        Assert.All(ResultFolder.DeterministicFiles, f => Assert.Equal(expected[f], actual[f]));
    }

    [Theory]
    [InlineData("least-loaded")]
    [InlineData("shortest-expected-wait")]
    [InlineData("data-gravity")]
    [InlineData("carbon-aware")]
    public Task A_sequential_run_of_three_centres_with_held_transferred_and_addressed_jobs_is_byte_identical_to_the_actor_run(string dispatch)
        => AssertSameBytes(DispatchPolicyRunTests.ThreeCentres(dispatch), DispatchPolicyRunTests.MixedJobs(600, seed: 23));

    [Fact]
    public Task A_sequential_run_of_the_default_national_scenario_is_byte_identical_to_the_actor_run()
    {
        var scenario = ScenarioLoader.Load(RepoPaths.Topology("national-default.yaml"));
        scenario = scenario with { Workload = scenario.Workload with { Jobs = 5_000, DurationDays = 1 } };
        return AssertSameBytes(scenario, SyntheticWorkload.Generate(scenario).ToList());
    }

    [Fact]
    public Task A_sequential_run_with_a_timeline_and_porting_is_byte_identical_to_the_actor_run()
    {
        var scenario = NationalRunTests.WithTimeline(new ScenarioBuilder()
            .WithCentre("a", "east", (ScenarioBuilder.RefServer, 4)).WithCentre("b", "west", (ScenarioBuilder.RefServer, 2), (ScenarioBuilder.DomServer, 4))
            .WithCentre("c", "east", (ScenarioBuilder.DomServer, 2)).Build());
        return AssertSameBytes(scenario, NationalRunTests.RandomJobs(1_500, seed: 31, target: null, centres: 3));
    }
}
