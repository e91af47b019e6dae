using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Simulation.Engine;
using ComputeScheduler.Testing;
using static ComputeScheduler.Testing.ScenarioBuilder;

namespace ComputeScheduler.Cluster.Tests;

public class NationalRunTests
{
    internal static List<JobSpec> RandomJobs(int count, int seed, CentreId? target, int centres = 1)
    {
        var rng = new Random(seed);
        int[] sizes = [1, 2, 4, 8, 8, 16, 24];
        double t = 0;
        return Enumerable.Range(0, count).Select(i =>
        {
            t += rng.Next(0, 90) + rng.NextDouble();
            var stack = rng.Next(5) == 0 ? "cann" : null;
            return Job(i, Math.Round(t, 3), sizes[rng.Next(sizes.Length)], rng.Next(30, 4000), stack: stack,
                target: target ?? (rng.Next(3) == 0 ? new CentreId(rng.Next(centres)) : null));
        }).ToList();
    }

    private static Dictionary<string, byte[]> Files(string folder)
        => ResultFolder.DeterministicFiles.ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(folder, f)));

    private static void Write(string folder, Scenario scenario, RunRecorder run)
        => ResultFolder.Write(folder, scenario, [], run, () => new RunInfo("x", scenario.Seed, "t", "test", 0, run.Events, run.Submitted, run.Windows, run.Messages,
            Reports.Host.HostFactsStandInForHardwareInfo.Read()));

    [Fact]
    public async Task An_actor_run_of_one_centre_with_addressed_jobs_is_byte_identical_to_the_pure_engine()
    {
        var scenario = new ScenarioBuilder().WithCentre("solo", "r", serversPerRack: 2, (RefServer, 6), (DomServer, 3))
            .WithSampleInterval(SimDuration.FromSeconds(300)).Build();
        var jobs = RandomJobs(2_000, seed: 5, target: new CentreId(0));

        // The pure engine: every job reaches the centre at its submit time, one pass to the end.
        var engine = CentreEngineFactory.Create(scenario, scenario.Centres[0], PolicyRegistry.CreateBuiltIn());
        var pure = new RunRecorder();
        foreach (var output in SequentialRun.RunToEnd(engine, jobs)) pure.Add(output);
        pure.CountSubmitted(jobs.Count);
        pure.Events = engine.EventsProcessed;

        var actors = await NationalRun.RunAsync(scenario, jobs, PolicyRegistry.CreateBuiltIn());

        using var a = new TempFolder();
        using var b = new TempFolder();
        Write(a.Path, scenario, pure);
        Write(b.Path, scenario, actors);
        var expected = Files(a.Path);
        var actual = Files(b.Path);
        Assert.All(ResultFolder.DeterministicFiles, f => Assert.Equal(expected[f], actual[f]));
        Assert.Equal(2_001, File.ReadAllLines(Path.Combine(b.Path, ResultFolder.Jobs)).Length);
        Assert.True(actors.Windows > 1);
    }

    [Fact]
    public async Task A_national_run_of_the_same_inputs_is_byte_identical_and_another_workload_is_not()
    {
        var scenario = new ScenarioBuilder()
            .WithCentre("a", "east", (RefServer, 4)).WithCentre("b", "west", (RefServer, 2), (DomServer, 4)).WithCentre("c", "east", (DomServer, 2)).Build();
        var jobs = RandomJobs(1_500, seed: 9, target: null, centres: 3);

        using var a = new TempFolder();
        using var b = new TempFolder();
        using var c = new TempFolder();
        Write(a.Path, scenario, await NationalRun.RunAsync(scenario, jobs, PolicyRegistry.CreateBuiltIn()));
        Write(b.Path, scenario, await NationalRun.RunAsync(scenario, jobs, PolicyRegistry.CreateBuiltIn()));
        Write(c.Path, scenario, await NationalRun.RunAsync(scenario, RandomJobs(1_500, seed: 10, target: null, centres: 3), PolicyRegistry.CreateBuiltIn()));

        var first = Files(a.Path);
        var second = Files(b.Path);
        var other = Files(c.Path);
        Assert.All(ResultFolder.DeterministicFiles, f => Assert.Equal(first[f], second[f]));
        Assert.NotEqual(first[ResultFolder.Jobs], other[ResultFolder.Jobs]);
    }

    [Fact]
    public async Task Every_job_of_a_national_run_is_accounted_for_once()
    {
        var scenario = new ScenarioBuilder().WithCentre("a", "east", (RefServer, 2)).WithCentre("b", "west", (DomServer, 2)).Build();
        var jobs = RandomJobs(800, seed: 3, target: null, centres: 2);
        jobs.Add(Job(800, jobs[^1].Submit.TotalSeconds, 64, 10)); // larger than any pool: rejected

        var run = await NationalRun.RunAsync(scenario, jobs, PolicyRegistry.CreateBuiltIn());

        Assert.Equal(801, run.Submitted);
        Assert.Equal(Enumerable.Range(0, 801).Select(i => (long)i), run.Outcomes.Select(o => o.Id.Value).Order());
        Assert.Contains(run.Outcomes, o => o.Id.Value == 800 && o.Status == Simulation.Results.JobStatus.Rejected);
        Assert.All(run.Outcomes.Where(o => o.Status == Simulation.Results.JobStatus.Finished), o => Assert.True(o.Start >= o.Dispatch && o.Dispatch >= o.Submit));
    }

    [Theory]
    [InlineData(200)]
    [InlineData(3_000)]
    public async Task The_actor_layer_sends_a_fixed_number_of_messages_per_window_whatever_the_jobs(int jobs)
    {
        var scenario = new ScenarioBuilder().WithCentre("a", "east", (RefServer, 4)).WithCentre("b", "west", (DomServer, 4)).WithCentre("c", "east", (RefServer, 2)).Build();
        var run = await NationalRun.RunAsync(scenario, RandomJobs(jobs, seed: 2, target: null, centres: 3), PolicyRegistry.CreateBuiltIn());

        // Start: 3 ReportState + 3 replies; each window: 1 dispatch request + 1 reply + 3 AdvanceTo + 3 reports;
        // close: 3 CloseCentre + 3 replies. No message is per job.
        Assert.Equal(4 * 3 + run.Windows * (2 * 3 + 2), run.Messages);
    }
}
