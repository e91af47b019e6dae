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

/// <summary>When the national dispatcher sends a job (issue 18): at its own submit time by default, at the next round in <c>rounds</c>.</summary>
public class DispatchTimingTests
{
    private const string Demand = "d-east";

    /// <summary>
    /// Two idle centres of one 8-chip server each at one spot, and one demand region 7.19 degrees of latitude north
    /// of them: 7.19 x 111.2 km = 800 km, so with the default WAN (route factor 1.5, 5 us/km) a request takes 6 ms.
    /// </summary>
    private static Scenario FarCentres(DispatchTiming timing, int centres = 1)
    {
        var b = new ScenarioBuilder().WithPolicies("least-loaded", "fifo", "best-fit");
        for (int i = 0; i < centres; i++) b.WithCentre("far" + i, "east", (RefServer, 1));
        var s = b.Build();
        var at = s.Centres[0];
        return s with
        {
            Centres = s.Centres.Select(c => c with { LatDeg = at.LatDeg, LonDeg = at.LonDeg }).ToArray(),
            DemandRegions = [new DemandRegion(Demand, "east city", "east", at.LatDeg + 7.19, at.LonDeg, 1.0)],
            Simulation = s.Simulation with { DispatchTiming = timing },
        };
    }

    private static SimDuration LatencyOf(Scenario s)
        => SimDuration.FromSecondsCeiling(WanMap.LatencyMs(s.DemandRegions[0], s.Centres[0], s.Wan) / 1000d);

    private static List<JobOutcome> RunSequential(Scenario s, IReadOnlyList<JobSpec> jobs)
    {
        using var run = new RunRecorder();
        NationalParts.Create(s, jobs, PolicyRegistry.CreateBuiltIn()).RunSequential(run);
        return run.OutcomesInIdOrder().ToList();
    }

    [Fact]
    public async Task A_job_submitted_at_0_79_s_reaches_a_centre_800_km_away_at_0_79_s_plus_its_WAN_latency_not_at_60_s()
    {
        var s = FarCentres(DispatchTiming.AtSubmit);
        var latency = LatencyOf(s);
        Assert.InRange(latency.TotalSeconds * 1000, 5.9, 6.1);   // 800 km x 1.5 x 5 us/km
        var jobs = new[] { Job(0, 0.79, 8, 600) with { DemandRegion = Demand } };

        using var actors = await NationalRun.RunAsync(s, jobs, PolicyRegistry.CreateBuiltIn());
        foreach (var o in new[] { actors.Outcomes.Single(), RunSequential(s, jobs).Single() })
        {
            var reached = SimTime.FromSeconds(0.79) + latency;
            Assert.Equal((JobStatus.Finished, reached, reached), (o.Status, o.Dispatch, o.Start));
            // Its wait is the request's flight and nothing of the 60 s grid.
            Assert.Equal(latency, o.Wait);
            Assert.Equal((0L, latency.Microseconds), (o.WaitTimes[WaitReason.Dispatch], o.WaitTimes[WaitReason.Transfer]));
        }
    }

    [Fact]
    public void In_rounds_the_same_job_waits_for_the_round_at_60_s_and_pays_no_request_latency()
    {
        var s = FarCentres(DispatchTiming.Rounds);
        var o = RunSequential(s, [Job(0, 0.79, 8, 600) with { DemandRegion = Demand }]).Single();

        Assert.Equal((SimTime.FromSeconds(60), SimTime.FromSeconds(60)), (o.Dispatch, o.Start));
        Assert.Equal(59_210_000, o.WaitTimes[WaitReason.Dispatch]);
    }

    [Fact]
    public void Within_a_window_the_dispatcher_counts_what_it_already_sent_to_each_centre_so_a_burst_is_spread()
    {
        // Four 8-chip jobs in one window, on reports that show both centres idle: least-loaded alternates.
        var s = FarCentres(DispatchTiming.AtSubmit, centres: 2);
        var jobs = Enumerable.Range(0, 4).Select(i => Job(i, 1 + i, 8, 600) with { DemandRegion = Demand }).ToList();

        var outcomes = RunSequential(s, jobs);

        Assert.Equal(new[] { 0, 1, 0, 1 }, outcomes.Select(o => o.Centre!.Value.Value));
        Assert.Equal(2, outcomes.Count(o => o.Wait == LatencyOf(s)));   // the first two start on arrival, the others queue
    }

    [Fact]
    public void A_job_still_in_flight_at_the_window_boundary_counts_at_its_centre_in_the_next_round()
    {
        // Job 0 is sent at 59.999 s and lands at 60.005 s: the reports of 60 s do not show it. Job 1 (60.5 s)
        // must see it all the same and go to the other centre, starting on arrival.
        var s = FarCentres(DispatchTiming.AtSubmit, centres: 2);
        var jobs = new[] { Job(0, 59.999, 8, 600) with { DemandRegion = Demand }, Job(1, 60.5, 8, 600) with { DemandRegion = Demand } };

        var outcomes = RunSequential(s, jobs);

        Assert.Equal(new[] { 0, 1 }, outcomes.Select(o => o.Centre!.Value.Value));
        Assert.Equal(SimTime.FromSeconds(60.5) + LatencyOf(s), outcomes[1].Start);
    }
}
