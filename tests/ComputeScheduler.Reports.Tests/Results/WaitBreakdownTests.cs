using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Model.Topology;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Results;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Reports.Tests.Results;

public class WaitBreakdownTests
{
    private static WaitTimes Waits(params (WaitReason Reason, double Seconds)[] parts)
    {
        var us = new long[WaitReasons.Count];
        foreach (var (r, s) in parts) us[(int)r] += SimDuration.FromSeconds(s).Microseconds;
        return new WaitTimes(us);
    }

    private static JobOutcome Finished(long id, int centre, string jobClass, double waitS, WaitTimes waits, JobKind kind = JobKind.Training)
        => new(new JobId(id), kind, jobClass, JobStatus.Finished, SimTime.Zero, SimTime.Zero, SimTime.FromSeconds(waitS), SimTime.FromSeconds(waitS + 100),
            new CentreId(centre), "ref-gpu", 1, Locality.ScaleUpDomain, 0, 0, 0, null)
        { WaitTimes = waits, Queued = SimDuration.FromSeconds(waitS) };

    [Fact]
    public void Wait_shares_by_reason_are_split_per_centre_region_and_class_and_latency_attainment_per_demand_region()
    {
        var scenario = new ScenarioBuilder().WithCentre("a", "east", (ScenarioBuilder.RefServer, 1)).WithCentre("b", "west", (ScenarioBuilder.RefServer, 1)).Build();
        var east = scenario.DemandRegions.Single(d => d.Region == "east");
        double latencyToB = WanMap.LatencyMs(east, scenario.Centres[1], scenario.Wan);
        var run = new RunRecorder();
        run.AddOutcomes(
        [
            Finished(0, 0, "train", 300, Waits((WaitReason.QueueOrder, 300))),
            Finished(1, 0, "serve", 100, Waits((WaitReason.NoCapacity, 60), (WaitReason.Gang, 40))),
            Finished(2, 1, "train", 100, Waits((WaitReason.Dispatch, 100))) with { Preemptions = 2, Migrations = 1 },
            Finished(3, 1, "serve", 0, Waits(), JobKind.Inference) with { DemandRegion = east.Key, LatencyLimitMs = latencyToB + 1 },
            Finished(4, 1, "serve", 0, Waits(), JobKind.Inference) with { DemandRegion = east.Key, LatencyLimitMs = latencyToB - 1 },
            JobOutcome.Rejected(ScenarioBuilder.Job(5, 0, 99, 1), SimTime.FromSeconds(50), null, "too big"),
        ]);

        var w = Assert.IsType<WaitBreakdown>(SummaryBuilder.Build(scenario, run).Waits);

        Assert.Equal(0.6, w.Reasons.Share(WaitReason.QueueOrder), 12);   // 300 of 500 s
        Assert.Equal(0.2, w.Reasons.Share(WaitReason.Dispatch), 12);
        Assert.Equal(0.12, w.Reasons.Share(WaitReason.NoCapacity), 12);
        Assert.Equal(["a", "b"], w.ByCentre.Select(c => c.Name));
        Assert.Equal(["east", "west"], w.ByRegion.Select(c => c.Name));
        Assert.Equal("east", w.ByCentre[0].Region);
        Assert.Equal((2L, 200d), (w.ByCentre[0].Jobs, w.ByCentre[0].WaitS.Mean));
        Assert.Equal(0.75, w.ByCentre[0].Reasons.Share(WaitReason.QueueOrder), 12);
        Assert.Equal(1, w.ByCentre[1].Reasons.Share(WaitReason.Dispatch), 12);
        Assert.Equal(["serve", "train"], w.ByClass.Select(c => c.Name));
        Assert.Equal((2L, 1L), (w.Preemptions, w.Migrations));
        Assert.Equal((2L, 1L, 0.5), (w.Latency.Jobs, w.Latency.WithinLimit, w.Latency.Share));
        Assert.Equal(east.Key, Assert.Single(w.LatencyByDemandRegion).Name);
    }

    [Fact]
    public void An_inference_job_near_its_demand_region_that_waited_longer_than_its_limit_counts_within_the_limit_but_not_started_within_it()
    {
        var scenario = new ScenarioBuilder().WithCentre("a", "east", (ScenarioBuilder.RefServer, 1)).Build();
        var east = scenario.DemandRegions.Single();
        double limitMs = Math.Ceiling(WanMap.LatencyMs(east, scenario.Centres[0], scenario.Wan)) + 5;   // whole ms: "at the limit" is exact
        JobOutcome Serve(long id, double waitS) => Finished(id, 0, "serve", waitS, Waits((WaitReason.Transfer, waitS)), JobKind.Inference)
            with { DemandRegion = east.Key, LatencyLimitMs = limitMs };
        var run = new RunRecorder();
        // Started on arrival (its wait is the request's flight, under the limit), exactly at the limit, and 1 ms past it.
        run.AddOutcomes([Serve(0, (limitMs - 5) / 1000), Serve(1, limitMs / 1000), Serve(2, (limitMs + 1) / 1000)]);

        var l = Assert.IsType<WaitBreakdown>(SummaryBuilder.Build(scenario, run).Waits).Latency;

        Assert.Equal((3L, 3L, 2L), (l.Jobs, l.WithinLimit, l.StartedWithinLimit));
        Assert.Equal(2d / 3, l.StartedShare, 12);
    }

    [Fact]
    public void In_a_one_centre_run_the_centres_distributions_equal_the_runs()
    {
        var scenario = new ScenarioBuilder().WithCentre("a", "east", (ScenarioBuilder.RefServer, 1)).Build();
        var run = new RunRecorder();
        var rng = new Random(7);
        run.AddOutcomes(Enumerable.Range(0, 997).Select(i => Finished(i, 0, "train", Math.Round(rng.NextDouble() * 1e5, 6), Waits())));

        var s = SummaryBuilder.Build(scenario, run);
        var centre = Assert.Single(s.Waits!.ByCentre);

        Assert.Equal((s.WaitS.P50, s.WaitS.P95, s.WaitS.P99), (centre.WaitS.P50, centre.WaitS.P95, centre.WaitS.P99));
        Assert.Equal((s.JctS.P50, s.JctS.P95, s.JctS.P99), (centre.JctS.P50, centre.JctS.P95, centre.JctS.P99));
        Assert.Equal(s.WaitS.Mean, centre.WaitS.Mean, 9);
    }

    [Fact]
    public void Summary_json_carries_the_waits_object_with_every_reason_by_its_file_name()
    {
        var scenario = new ScenarioBuilder().WithCentre("a", "east", (ScenarioBuilder.RefServer, 1)).Build();
        var run = new RunRecorder();
        run.AddOutcomes([Finished(0, 0, "train", 10, Waits((WaitReason.Gang, 10)))]);
        using var stream = new MemoryStream();
        SummaryJson.Write(stream, SummaryBuilder.Build(scenario, run));

        using var doc = System.Text.Json.JsonDocument.Parse(stream.ToArray());
        var waits = doc.RootElement.GetProperty("waits");
        Assert.Equal(WaitReasons.All.Select(WaitReasons.Name), waits.GetProperty("reasons").EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, waits.GetProperty("reasons").GetProperty("gang").GetProperty("share").GetDouble());
        Assert.Equal(10, waits.GetProperty("byCentre")[0].GetProperty("queuedS").GetProperty("mean").GetDouble());
        Assert.Equal(["no-capacity", "queue-order"], new[] { WaitReason.NoCapacity, WaitReason.QueueOrder }.Select(WaitReasons.Name));
    }
}
