using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Model.Timeline;
using ComputeScheduler.Model.Topology;
using ComputeScheduler.Simulation.Results;
using ComputeScheduler.Testing;
using static ComputeScheduler.Testing.ScenarioBuilder;

namespace ComputeScheduler.Simulation.Tests.Timeline;

/// <summary>Capacity entering and leaving service at dates, and porting between software stacks, in one centre's engine.</summary>
public class TimelineEngineTests
{
    private static readonly SimTime T500 = SimTime.FromSeconds(500);
    private static readonly SimTime T1000 = SimTime.FromSeconds(1000);

    /// <summary>The first centre of a one-centre scenario with its pools replaced.</summary>
    private static Scenario WithPools(Scenario s, params ChipPoolSpec[] pools)
        => s with { Centres = [s.Centres[0] with { Pools = pools }] };

    private static double InstalledAt(List<TimeseriesSample> samples, int pool, double atS)
        => samples.Single(x => x.Pool == pool && x.TimeUs == (long)(atS * 1e6)).TotalChips;

    [Fact]
    public void A_pool_added_at_its_date_takes_the_waiting_job_from_that_moment()
    {
        var s = WithPools(new ScenarioBuilder().WithCentre("c", "r", (RefServer, 1)).WithSampleInterval(SimDuration.FromSeconds(300)).Build(),
            new ChipPoolSpec(RefServer, 1, 0), new ChipPoolSpec(RefServer, 1, 0) { InServiceFrom = T1000 });
        // A fills the first server for a long time; B (8 chips) arrives at 10 s and can only start when the second server comes.
        var (o, samples, _) = EngineHarness.Run(s, [Job(0, 0, 8, 100_000), Job(1, 10, 8, 100)]);

        Assert.Equal(1000, o[1].Start.TotalSeconds, 6);
        Assert.Equal(0, InstalledAt(samples, 1, 900));
        Assert.Equal(8, InstalledAt(samples, 1, 1200));
        Assert.Equal(8, InstalledAt(samples, 0, 900));
    }

    [Fact]
    public void A_retired_pool_checkpoints_its_running_job_which_resumes_on_the_remaining_pool_and_finishes()
    {
        var s = WithPools(new ScenarioBuilder().WithCentre("c", "r", (RefServer, 1)).WithSampleInterval(SimDuration.FromSeconds(300)).Build(),
            new ChipPoolSpec(RefServer, 1, 0) { Retirements = [new ServerRetirement(T500, 1)] }, new ChipPoolSpec(RefServer, 1, 0));
        // Two 8-chip jobs fill both servers at 0 (1,000 s x 1.3 scaling = 1,300 s each). At 500 s the first pool retires:
        // its job is checkpointed, queued again and resumes when the other server frees at 1,300 s.
        var (o, samples, engine) = EngineHarness.Run(s, [Job(0, 0, 8, 1000), Job(1, 0, 8, 1000)]);

        Assert.All(o, x => Assert.Equal(JobStatus.Finished, x.Status));
        var evicted = Assert.Single(o, x => x.Preemptions == 1);
        var other = Assert.Single(o, x => x.Preemptions == 0);
        Assert.Equal(1300, other.End.TotalSeconds, 3);
        Assert.True(evicted.End.TotalSeconds > 1300 + 800, $"resumed after 1,300 s with 800 s of work left, ended {evicted.End.TotalSeconds}");
        Assert.Equal(1, engine.Preemptions);
        // The spell queued after the eviction is 'preempted'; before it, the job never waited.
        Assert.Equal(evicted.Queued.Microseconds, evicted.WaitTimes[WaitReason.Preempted]);
        Assert.Equal(800, evicted.WaitTimes.Seconds(WaitReason.Preempted), 3);
        Assert.Equal(8, InstalledAt(samples, 0, 300));
        Assert.Equal(0, InstalledAt(samples, 0, 600));
        Assert.Equal(0, samples.Where(x => x.Pool == 0 && x.TimeUs > 500_000_000).Sum(x => x.BusyChips));
    }

    [Fact]
    public void A_partial_retirement_takes_the_pools_last_servers_and_evicts_only_the_jobs_on_them()
    {
        var s = WithPools(new ScenarioBuilder().WithCentre("c", "r", (RefServer, 2)).WithSampleInterval(SimDuration.FromSeconds(300)).Build(),
            new ChipPoolSpec(RefServer, 2, 0) { Retirements = [new ServerRetirement(T500, 1)] });
        // Two 8-chip jobs on servers 0 and 1; at 500 s server 1 (the pool's last) retires: only its job is checkpointed,
        // and it resumes on server 0 when the other ends at 1,300 s.
        var (o, samples, _) = EngineHarness.Run(s, [Job(0, 0, 8, 1000), Job(1, 0, 8, 1000)]);

        var evicted = Assert.Single(o, x => x.Preemptions == 1);
        Assert.Equal("0:8", evicted.Servers);
        Assert.Equal(1300, o.Single(x => x.Preemptions == 0).End.TotalSeconds, 3);
        Assert.Equal(16, InstalledAt(samples, 0, 300));
        Assert.Equal(8, InstalledAt(samples, 0, 600));
    }

    [Fact]
    public void A_queued_job_too_large_for_what_is_left_of_its_pool_is_rejected()
    {
        var s = WithPools(new ScenarioBuilder().WithCentre("c", "r", (RefServer, 2)).Build(),
            new ChipPoolSpec(RefServer, 2, 0) { Retirements = [new ServerRetirement(T500, 1)] });
        var (o, _, _) = EngineHarness.Run(s, [Job(0, 0, 8, 1000), Job(1, 10, 16, 100)]);

        Assert.Equal(JobStatus.Rejected, o[1].Status);
        Assert.Contains("too small", o[1].RejectReason);
        Assert.Equal(JobStatus.Finished, o[0].Status);
    }

    [Fact]
    public void A_queued_job_whose_every_pool_retires_is_rejected_with_the_reason()
    {
        var s = WithPools(new ScenarioBuilder().WithCentre("c", "r", (RefServer, 1), (DomServer, 1)).Build(),
            new ChipPoolSpec(RefServer, 1, 0) { Retirements = [new ServerRetirement(T500, 1)] }, new ChipPoolSpec(DomServer, 1, 0));
        // A holds the cuda server; B needs cuda too and waits; at 500 s the cuda pool retires: A is evicted and,
        // like B, can never run here again: both are rejected, nothing hangs.
        var (o, _, _) = EngineHarness.Run(s, [Job(0, 0, 8, 1000, stack: "cuda"), Job(1, 1, 8, 100, stack: "cuda"), Job(2, 2, 8, 10, stack: "cann")]);

        Assert.Equal(JobStatus.Rejected, o[0].Status);
        Assert.Equal(JobStatus.Rejected, o[1].Status);
        Assert.Contains("was retired", o[1].RejectReason);
        Assert.Equal(500, o[1].End.TotalSeconds, 6);
        Assert.Equal(JobStatus.Finished, o[2].Status);
    }

    [Fact]
    public void A_job_arriving_after_its_only_pool_retired_is_rejected_on_arrival()
    {
        var s = WithPools(new ScenarioBuilder().WithCentre("c", "r", (RefServer, 1), (DomServer, 1)).Build(),
            new ChipPoolSpec(RefServer, 1, 0) { Retirements = [new ServerRetirement(T500, 1)] }, new ChipPoolSpec(DomServer, 1, 0));
        var (o, _, _) = EngineHarness.Run(s, [Job(0, 0, 8, 10, stack: "cann"), Job(1, 600, 8, 10, stack: "cuda")]);

        Assert.Equal(JobStatus.Rejected, o[1].Status);
        Assert.Contains("was retired", o[1].RejectReason);
    }

    [Fact]
    public void Capacity_changes_of_an_idle_centre_show_in_the_samples_without_stretching_the_run()
    {
        var s = WithPools(new ScenarioBuilder().WithCentre("c", "r", (RefServer, 1)).WithSampleInterval(SimDuration.FromSeconds(100)).Build(),
            new ChipPoolSpec(RefServer, 1, 0), new ChipPoolSpec(RefServer, 1, 0) { InServiceFrom = T500, Retirements = [new ServerRetirement(SimTime.FromSeconds(1e7), 1)] });
        var (o, samples, _) = EngineHarness.Run(s, [Job(0, 0, 8, 100), Job(1, 900, 8, 100)]);

        // The run ends with its last job (1,030 s), not at the retirement 10^7 s later; the addition at 500 s shows.
        Assert.Equal(1030, o.Max(x => x.End.TotalSeconds), 6);
        Assert.True(samples.Max(x => x.TimeUs) <= 1_030_000_000);
        Assert.Equal(0, InstalledAt(samples, 1, 400));
        Assert.Equal(8, InstalledAt(samples, 1, 600));
    }

    [Fact]
    public void A_job_with_no_native_pool_starts_after_its_porting_delay_at_the_porting_throughput_factor()
    {
        var b = new ScenarioBuilder().WithCentre("c", "r", (DomServer, 1)).Build();
        var s = b with { Performance = b.Performance with { Porting = [new PortingRule("cuda", "cann", DelayHours: 2, ThroughputFactor: 0.5)] } };
        // On dom-npu (0.5 x 0.8 stack = 0.4 of the reference) 8 chips at scaling 1/1.3: a native job of 100 s x 8 takes
        // 800 / (8 x 0.4 / 1.3) = 325 s; the ported one half the throughput: 650 s, from 7,200 s on.
        var (o, _, _) = EngineHarness.Run(s, [Job(0, 0, 8, 100, stack: "cuda"), Job(1, 0, 8, 100, stack: "cann")]);

        Assert.Equal(0, o[1].Start.TotalSeconds, 6);
        Assert.Equal(325, o[1].End.TotalSeconds, 3);
        Assert.Equal(7200, o[0].Start.TotalSeconds, 6);
        Assert.Equal(7200 + 650, o[0].End.TotalSeconds, 3);
        // Its whole wait is waiting for the port.
        Assert.Equal(7200, o[0].WaitTimes.Seconds(WaitReason.Porting), 6);
        Assert.Equal(o[0].Wait.Microseconds, o[0].WaitTimes.TotalUs);
    }

    [Fact]
    public void Without_a_porting_rule_a_job_of_another_stack_is_rejected()
    {
        var s = new ScenarioBuilder().WithCentre("c", "r", (DomServer, 1)).Build();
        var (o, _, _) = EngineHarness.Run(s, [Job(0, 0, 8, 100, stack: "cuda")]);

        Assert.Equal(JobStatus.Rejected, o[0].Status);
    }

    [Fact]
    public void A_queued_job_gains_the_ported_pool_after_the_delay_and_keeps_its_place()
    {
        var b = new ScenarioBuilder().WithCentre("c", "r", (RefServer, 1), (DomServer, 1)).Build();
        var s = b with { Performance = b.Performance with { Porting = [new PortingRule("cuda", "cann", DelayHours: 1, ThroughputFactor: 1)] } };
        // A holds the cuda server for 13,000 s; a cann job holds the cann server until 3,250 s. B (cuda) waits; from
        // its arrival (1 s) + 3,600 s it may use the (then free) cann server and starts there long before A ends.
        var (o, _, _) = EngineHarness.Run(s, [Job(0, 0, 8, 10_000, stack: "cuda"), Job(1, 0, 8, 1000, stack: "cann"), Job(2, 1, 8, 100, stack: "cuda")]);

        Assert.Equal(3601, o[2].Start.TotalSeconds, 6);
        Assert.Equal("dom-npu", o[2].ChipModel);
        // It waited in the queue all along (no capacity on its cuda pool, then on the cann pool it gained): no porting wait.
        Assert.Equal(o[2].Wait.Microseconds, o[2].WaitTimes.TotalUs);
        Assert.Equal(0, o[2].WaitTimes[WaitReason.Porting]);
        Assert.True(o[2].WaitTimes[WaitReason.NoCapacity] > 0);
    }
}

public class TariffCostTests
{
    [Fact]
    public void A_jobs_energy_is_priced_at_the_time_of_use_mean_over_its_run()
    {
        // Hour 0 costs 1.0 CNY/kWh, hour 1 0.2, the rest 0.5, from the start; the flat price 0.5 never applies.
        var hourly = Enumerable.Repeat(0.5, 24).ToArray();
        hourly[0] = 1.0;
        hourly[1] = 0.2;
        var b = new ScenarioBuilder().WithCentre("c", "r", (RefServer, 1)).Build();
        var s = b with { Centres = [b.Centres[0] with { Tariff = new TariffSchedule(0.5, [(SimTime.Zero, hourly)]) }] };
        // One chip for 7,200 s (work 7,200 reference-chip-seconds on one reference chip): hours 0 and 1, mean (1.0 + 0.2) / 2.
        var (o, _, _) = EngineHarness.Run(s, [Job(0, 0, 1, 7200)]);

        Assert.Equal(7200, o[0].End.TotalSeconds, 3);
        Assert.Equal(o[0].EnergyKwh * 0.6, o[0].EnergyCostCny, 9);
        // The same job started at 02:00 pays the flat-hour price.
        var (late, _, _) = EngineHarness.Run(s, [Job(0, 7200, 1, 7200)]);
        Assert.Equal(late[0].EnergyKwh * 0.5, late[0].EnergyCostCny, 9);
    }
}
