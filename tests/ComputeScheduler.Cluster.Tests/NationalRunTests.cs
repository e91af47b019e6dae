using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Simulation.Engine;
using ComputeScheduler.Testing;
using static ComputeScheduler.Testing.ScenarioBuilder;
using ComputeScheduler.Simulation.National;

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

    /// <summary>
    /// The scenario with a timeline: its third centre opens at 20,000 s, the first centre's pool
    /// retires at 30,000 s, the last centre gains a pool at 10,000 s, and cann jobs may be ported
    /// to cuda chips after an hour at 0.6 of the throughput.
    /// </summary>
    internal static Scenario WithTimeline(Scenario s)
    {
        var centres = s.Centres.ToArray();
        centres[0] = centres[0] with { Pools = [centres[0].Pools[0] with { Retirements = [new Model.Topology.ServerRetirement(SimTime.FromSeconds(30_000), centres[0].Pools[0].ServerCount)] }] };
        centres[2] = centres[2] with { Pools = [.. centres[2].Pools.Select(p => p with { InServiceFrom = SimTime.FromSeconds(20_000) })] };
        centres[^1] = centres[^1] with { Pools = [.. centres[^1].Pools, new Model.Topology.ChipPoolSpec(RefServer, 2, 0) { InServiceFrom = SimTime.FromSeconds(10_000) }] };
        return s with
        {
            Centres = centres,
            Performance = s.Performance with { Porting = [new Model.Timeline.PortingRule("cann", "cuda", DelayHours: 1, ThroughputFactor: 0.6)] },
        };
    }

    [Fact]
    public async Task A_national_run_with_a_timeline_accounts_for_every_job_and_starts_none_on_chips_out_of_service()
    {
        var scenario = WithTimeline(new ScenarioBuilder()
            .WithCentre("a", "east", (RefServer, 4)).WithCentre("b", "west", (RefServer, 2), (DomServer, 4)).WithCentre("c", "east", (DomServer, 2)).Build());
        var jobs = RandomJobs(1_500, seed: 4, target: null, centres: 3);

        var run = await NationalRun.RunAsync(scenario, jobs, PolicyRegistry.CreateBuiltIn());

        Assert.Equal(Enumerable.Range(0, 1_500).Select(i => (long)i), run.Outcomes.Select(o => o.Id.Value).Order());
        var finished = run.Outcomes.Where(o => o.Status == Simulation.Results.JobStatus.Finished).ToList();
        // Centre c's own (dom-npu) pools open at 20,000 s; the ref-gpu pool added to it (the last centre) at 10,000 s.
        Assert.All(finished.Where(o => o.Centre!.Value.Value == 2 && o.ChipModel == "dom-npu"), o => Assert.True(o.Start.TotalSeconds >= 20_000, $"job {o.Id} started at {o.Start} in a centre opening at 20,000 s"));
        Assert.All(finished.Where(o => o.Centre!.Value.Value == 2 && o.ChipModel == "ref-gpu"), o => Assert.True(o.Start.TotalSeconds >= 10_000));
        Assert.All(finished.Where(o => o.Centre!.Value.Value == 0), o => Assert.True(o.Start.TotalSeconds < 30_000));
        // Jobs evicted at the retirement were checkpointed and finished elsewhere or were rejected with the reason; none is lost.
        Assert.All(run.Outcomes.Where(o => o.Status == Simulation.Results.JobStatus.Rejected && o.Centre?.Value == 0), o => Assert.Contains("retired", o.RejectReason));
        Assert.Contains(finished, o => o.Centre!.Value.Value == 2 && o.ChipModel == "dom-npu");
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
