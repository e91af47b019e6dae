using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Model.Topology;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Simulation.Results;
using ComputeScheduler.Testing;
using static ComputeScheduler.Testing.ScenarioBuilder;

namespace ComputeScheduler.Cluster.Tests;

/// <summary>Each national dispatch policy end to end on the actors: it runs, decides as it must, and is deterministic.</summary>
public class DispatchPolicyRunTests
{
    // 3 for hours 0-11, 1 for 12-23: x1.5 before noon and x0.5 after.
    private static readonly HourlyFactors SunnyAfternoons = new([.. Enumerable.Repeat(3.0, 12), .. Enumerable.Repeat(1.0, 12)]);

    private static SimTime Hours(double h) => SimTime.FromSeconds(h * 3600);

    /// <summary>a (east), b (west, greener in the afternoon), c (east); demand regions d-east and d-west.</summary>
    internal static Scenario ThreeCentres(string dispatch)
    {
        var s = new ScenarioBuilder().WithPolicies(dispatch, "fifo", "best-fit")
            .WithCentre("a", "east", (RefServer, 4)).WithCentre("b", "west", (RefServer, 2), (DomServer, 4)).WithCentre("c", "east", (DomServer, 2)).Build();
        return s with { Centres = [s.Centres[0], s.Centres[1] with { CarbonHourly = SunnyAfternoons }, s.Centres[2]] };
    }

    /// <summary>Two days of jobs of every kind the policies look at: delay-tolerant, with data in a centre, inference near demand.</summary>
    internal static List<JobSpec> MixedJobs(int count, int seed)
    {
        var rng = new Random(seed);
        string[] keys = ["a", "b", "c"];
        double t = 0;
        return Enumerable.Range(0, count).Select(i =>
        {
            t += rng.Next(0, 300) + rng.NextDouble();
            var job = Job(i, Math.Round(t, 3), rng.Next(3) == 0 ? 8 : 1 << rng.Next(3), rng.Next(60, 7200), stack: rng.Next(6) == 0 ? "cann" : null);
            string home = rng.Next(2) == 0 ? "east" : "west";
            job = job with { DataRegion = home, IsDataRestricted = rng.Next(5) == 0, DataSizeGb = rng.Next(1, 4000) };
            if (rng.Next(3) == 0) job = job with { MaxDelayS = rng.Next(1, 16) * 3600 };
            if (rng.Next(3) == 0) job = job with { DataCentre = keys[rng.Next(3)], IsDataRestricted = false };
            if (rng.Next(4) == 0) job = job with { Kind = JobKind.Inference, JobClass = "serve", DemandRegion = "d-" + home, LatencyLimitMs = 50 };
            return job;
        }).ToList();
    }

    private static Dictionary<string, byte[]> Files(Scenario scenario, RunRecorder run)
    {
        using var dir = new TempFolder();
        ResultFolder.Write(dir.Path, scenario, [], run, () => new RunInfo("x", scenario.Seed, "t", "test", 0, run.Events, run.Submitted, run.Windows, run.Messages,
            Reports.Host.HostFactsStandInForHardwareInfo.Read()));
        return ResultFolder.DeterministicFiles.ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(dir.Path, f)));
    }

    [Theory]
    [InlineData("shortest-expected-wait")]
    [InlineData("data-gravity")]
    [InlineData("data-residency")]
    [InlineData("latency-aware")]
    [InlineData("carbon-aware")]
    public async Task A_national_run_under_the_policy_finishes_every_job_and_is_byte_identical_when_repeated(string dispatch)
    {
        var scenario = ThreeCentres(dispatch);
        var jobs = MixedJobs(600, seed: 11);

        var first = await NationalRun.RunAsync(scenario, jobs, PolicyRegistry.CreateBuiltIn());
        var second = await NationalRun.RunAsync(scenario, jobs, PolicyRegistry.CreateBuiltIn());

        Assert.Equal(Enumerable.Range(0, 600).Select(i => (long)i), first.Outcomes.Select(o => o.Id.Value).Order());
        Assert.All(first.Outcomes, o => Assert.Equal(JobStatus.Finished, o.Status));
        Assert.All(first.Outcomes, o => Assert.True(o.Start >= o.Dispatch && o.Dispatch >= o.Submit));
        var restricted = jobs.Where(j => j.IsDataRestricted).ToDictionary(j => j.Id, j => j.DataRegion);
        Assert.All(first.Outcomes.Where(o => restricted.ContainsKey(o.Id)), o => Assert.Equal(restricted[o.Id], scenario.Centres[o.Centre!.Value.Value].Region));
        if (dispatch == "carbon-aware")   // some delay-tolerant jobs were held for b's green afternoons (a transfer takes at most 80 s)
            Assert.Contains(first.Outcomes, o => o.Dispatch - o.Submit > SimDuration.FromHours(1));
        var a = Files(scenario, first);
        var b = Files(scenario, second);
        Assert.All(ResultFolder.DeterministicFiles, f => Assert.Equal(a[f], b[f]));
    }

    [Fact]
    public async Task Carbon_aware_holds_a_delay_tolerant_job_until_the_green_afternoon_and_counts_its_carbon_at_that_hour()
    {
        // "sunny" (annual 0.6, x1.5 before noon = 0.9, x0.5 after = 0.3) and "flat" (0.5); PUE 1.25 each.
        var s = new ScenarioBuilder().WithPolicies("carbon-aware", "fifo", "best-fit")
            .WithCentre("sunny", "west", (RefServer, 1)).WithCentre("flat", "east", (RefServer, 1)).Build();
        s = s with { Centres = [s.Centres[0] with { CarbonHourly = SunnyAfternoons }, s.Centres[1] with { CarbonKgPerKwh = 0.5 }] };
        // Both 1 chip for 1 h, submitted at 01:00 (on the 60 s grid: dispatched at 01:00). Job 1 may wait 14 h.
        JobSpec[] jobs = [Job(0, 3600, 1, 3600), Job(1, 3600, 1, 3600) with { MaxDelayS = 14 * 3600 }];

        var run = await NationalRun.RunAsync(s, jobs, PolicyRegistry.CreateBuiltIn());
        var now = run.Outcomes.Single(o => o.Id.Value == 0);
        var held = run.Outcomes.Single(o => o.Id.Value == 1);

        // The job that may not wait goes at once to the greener centre of 01:00: flat (0.5 < 0.9).
        Assert.Equal((new CentreId(1), Hours(1), Hours(1)), (now.Centre!.Value, now.Dispatch, now.Start));
        // The tolerant one is held for sunny's 12:00 drop to 0.3 (< 0.5), within its 15:00 deadline.
        Assert.Equal((new CentreId(0), Hours(12), Hours(12)), (held.Centre!.Value, held.Dispatch, held.Start));
        // Carbon at run time: energy x 0.5 all hour at flat; energy x 0.6 x 0.5 from 12:00 to 13:00 at sunny.
        Assert.Equal(now.EnergyKwh * 0.5, now.CarbonKg, 9);
        Assert.Equal(held.EnergyKwh * 0.3, held.CarbonKg, 9);
    }

    /// <summary>Two centres at one spot (no WAN latency) joined by a 100 Gbit/s link; a blocker fills "home" from time 0.</summary>
    private static (Scenario, JobSpec Blocker) DataAtABusyCentre(string dispatch)
    {
        var s = new ScenarioBuilder().WithPolicies(dispatch, "fifo", "best-fit")
            .WithCentre("home", "east", (RefServer, 1)).WithCentre("away", "east", (RefServer, 1)).Build();
        s = s with
        {
            Centres = [s.Centres[0], s.Centres[1] with { LatDeg = s.Centres[0].LatDeg, LonDeg = s.Centres[0].LonDeg }],
            Wan = s.Wan with { Links = [new WanLinkBandwidth("home", "away", 100)] },
        };
        // 8 chips for 600 s on reference chips at perfect scaling: with the class's 0.1 loss per doubling it
        // runs 600 x (1 + 0.1 x log2 8) = 780 s on the 8 chips of home's one server.
        return (s, Job(0, 0, 8, 600, target: new CentreId(0)));
    }

    [Fact]
    public async Task Data_gravity_moves_a_job_when_the_transfer_beats_the_wait_and_its_start_pays_the_transfer()
    {
        var (s, blocker) = DataAtABusyCentre("data-gravity");
        // Submitted and dispatched at 90 s, on the reports of 60 s. Home is full: expected wait 8 / 8 busy x 600 s = 600 s.
        // Away: 500 GB x 8 / 100 Gbit/s = 40 s of transfer. It moves, and reaches away at 90 + 40 = 130 s.
        var job = Job(1, 90, 8, 600) with { DataCentre = "home", DataSizeGb = 500 };

        var run = await NationalRun.RunAsync(s, [blocker, job], PolicyRegistry.CreateBuiltIn());
        var o = run.Outcomes.Single(x => x.Id.Value == 1);

        Assert.Equal((new CentreId(1), SimTime.FromSeconds(130), SimTime.FromSeconds(130)), (o.Centre!.Value, o.Dispatch, o.Start));
    }

    [Fact]
    public async Task Data_gravity_keeps_a_job_with_its_data_when_the_transfer_is_longer_than_the_wait()
    {
        var (s, blocker) = DataAtABusyCentre("data-gravity");
        // 50,000 GB x 8 / 100 Gbit/s = 4,000 s of transfer against ~600 s of expected wait: it stays home,
        // reaching it at its submit time, 90 s, and starting when the blocker ends at 780 s.
        var job = Job(1, 90, 8, 600) with { DataCentre = "home", DataSizeGb = 50_000 };

        var run = await NationalRun.RunAsync(s, [blocker, job], PolicyRegistry.CreateBuiltIn());
        var o = run.Outcomes.Single(x => x.Id.Value == 1);

        Assert.Equal((new CentreId(0), SimTime.FromSeconds(90)), (o.Centre!.Value, o.Dispatch));
        Assert.InRange(o.Start.Microseconds, 780_000_000, 780_000_001);   // runtimes are rounded up to the microsecond
    }

    [Fact]
    public async Task Any_policy_that_sends_a_job_away_from_its_data_delays_its_start_by_the_transfer()
    {
        var (s, blocker) = DataAtABusyCentre("least-loaded");
        // Least-loaded sends it to the idle "away" whatever the data: 50,000 GB take 4,000 s, so it starts at 4,090 s.
        var job = Job(1, 90, 8, 600) with { DataCentre = "home", DataSizeGb = 50_000 };

        var run = await NationalRun.RunAsync(s, [blocker, job], PolicyRegistry.CreateBuiltIn());
        var o = run.Outcomes.Single(x => x.Id.Value == 1);

        Assert.Equal((new CentreId(1), SimTime.FromSeconds(4090)), (o.Centre!.Value, o.Start));
    }
}
