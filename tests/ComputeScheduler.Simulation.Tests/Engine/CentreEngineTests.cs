using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Results;
using ComputeScheduler.Testing;
using static ComputeScheduler.Testing.ScenarioBuilder;

namespace ComputeScheduler.Simulation.Tests.Engine;

public class CentreEngineTests
{
    [Fact]
    public void A_job_that_does_not_fit_waits_in_the_queue_until_chips_are_freed()
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (RefServer, 2)).Build();
        // A: 16 chips, rack locality: runtime = 100 x 1.4 x 1.5 = 210 s.
        // B: 8 chips on one server: runtime = 100 x (1 + 0.1 x 3) = 130 s; must wait for A.
        var (outcomes, _, _) = EngineHarness.Run(scenario, [Job(0, 0, 16, 100), Job(1, 10, 8, 100)]);

        Assert.Equal(0, outcomes[0].Start.TotalSeconds);
        Assert.Equal(210, outcomes[0].End.TotalSeconds, 6);
        Assert.Equal(10, outcomes[1].Dispatch.TotalSeconds);
        Assert.Equal(210, outcomes[1].Start.TotalSeconds, 6);
        Assert.Equal(340, outcomes[1].End.TotalSeconds, 6);
        Assert.Equal(200, outcomes[1].Wait.TotalSeconds, 6);
    }

    [Fact]
    public void Fifo_keeps_a_small_job_behind_a_blocked_large_one()
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (RefServer, 2)).Build();
        // t=0: A takes one server (8 chips, 130 s). t=1: B wants 16 (blocked). t=2: C wants 1 and would fit,
        // but FIFO holds it behind B: C starts only after B.
        var (o, _, _) = EngineHarness.Run(scenario, [Job(0, 0, 8, 100), Job(1, 1, 16, 100), Job(2, 2, 1, 100)]);

        Assert.Equal(130, o[1].Start.TotalSeconds, 6);
        Assert.True(o[2].Start >= o[1].Start);
    }

    [Fact]
    public void Fifo_lets_a_job_for_other_pools_pass_a_blocked_one()
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (RefServer, 1), (DomServer, 1)).Build();
        // t=0: A fills the cuda server. t=1: B wants 8 cuda chips (blocked behind A). t=2: C wants the
        // cann server, which B could never use: C starts at once.
        var (o, _, _) = EngineHarness.Run(scenario,
            [Job(0, 0, 8, 100, stack: "cuda"), Job(1, 1, 8, 100, stack: "cuda"), Job(2, 2, 8, 100, stack: "cann")]);

        Assert.Equal(130, o[1].Start.TotalSeconds, 6);
        Assert.Equal(2, o[2].Start.TotalSeconds, 6);
    }

    [Fact]
    public void Jobs_sharing_a_chip_run_together_and_keep_whole_chip_jobs_off_it()
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (RefServer, 1)).Build();
        // Two jobs of half a chip share chip 0 from t=0 (100 s each on one chip). An 8-chip job at t=1
        // must wait until both have left the shared chip.
        var half = (long id) => Job(id, 0, 1, 100) with { ChipMilli = 500 };
        var (o, samples, _) = EngineHarness.Run(scenario, [half(0), half(1), Job(2, 1, 8, 100)]);

        Assert.Equal(0, o[0].Start.TotalSeconds);
        Assert.Equal(0, o[1].Start.TotalSeconds);
        Assert.Equal(100, o[2].Start.TotalSeconds, 6);
        Assert.Equal(500, o[0].ChipMilli);
        // energy of half a chip: (0.5 x 500 W + 0.5/8 x 1,000 W) x 100 s x 1.25 = 0.01128 kWh
        Assert.Equal((0.5 * 500 + 0.5 / 8 * 1000) * 100 / 3600 * 1.25 / 1000, o[0].EnergyKwh, 12);
        Assert.Equal(1.0, samples[0].BusyChips, 9);
    }

    [Fact]
    public void A_job_sharing_several_chips_is_rejected()
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (RefServer, 1)).Build();
        var (o, _, _) = EngineHarness.Run(scenario, [Job(0, 0, 2, 100) with { ChipMilli = 300 }]);
        Assert.Equal(JobStatus.Rejected, o[0].Status);
        Assert.Contains("must ask for 1 chip", o[0].RejectReason);
    }

    [Fact]
    public void A_job_larger_than_every_matching_pool_is_rejected_with_the_reason()
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (RefServer, 2), (DomServer, 4)).Build();
        var (o, _, _) = EngineHarness.Run(scenario, [Job(0, 5, 24, 100, stack: "cuda")]);

        Assert.Equal(JobStatus.Rejected, o[0].Status);
        Assert.Contains("more than any matching pool", o[0].RejectReason);
        Assert.Equal(5, o[0].End.TotalSeconds);
    }

    [Fact]
    public void A_job_needing_a_stack_the_centre_lacks_is_rejected()
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (RefServer, 2)).Build();
        var (o, _, _) = EngineHarness.Run(scenario, [Job(0, 0, 1, 100, stack: "cann")]);

        Assert.Equal(JobStatus.Rejected, o[0].Status);
        Assert.Contains("no pool matching", o[0].RejectReason);
    }

    [Fact]
    public void Jobs_needing_a_stack_run_only_on_chips_of_that_stack()
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (RefServer, 1), (DomServer, 1)).Build();
        var (o, _, _) = EngineHarness.Run(scenario, [Job(0, 0, 8, 100, stack: "cann"), Job(1, 0, 8, 100, stack: "cann")]);

        Assert.All(o, j => Assert.Equal("dom-npu", j.ChipModel));
        Assert.Equal(o[0].End, o[1].Start); // the second waits although the cuda server is free
    }

    [Fact]
    public void Capacity_is_never_exceeded_over_a_whole_run()
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", serversPerRack: 3, (RefServer, 7), (DomServer, 5)).Build();
        var rng = new Random(11);
        int[] sizes = [1, 1, 2, 3, 4, 8, 8, 12, 16, 24, 32];
        var jobs = Enumerable.Range(0, 3000).Select(i => Job(i, i * 20.0, sizes[rng.Next(sizes.Length)], rng.Next(60, 3000),
            stack: rng.Next(4) == 0 ? "cann" : null)).ToList();

        var (outcomes, samples, engine) = EngineHarness.Run(scenario, jobs);

        Assert.Equal(3000, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal(JobStatus.Finished, o.Status));
        foreach (var (model, capacity) in new[] { ("ref-gpu", 56), ("dom-npu", 40) })
        {
            // Sweep line over start (+chips) and end (-chips); ends before starts at equal times.
            var edges = outcomes.Where(o => o.ChipModel == model)
                .SelectMany(o => new[] { (T: o.Start.Microseconds, D: o.Chips), (T: o.End.Microseconds, D: -o.Chips) })
                .OrderBy(e => e.T).ThenBy(e => e.D);
            int busy = 0, peak = 0;
            foreach (var e in edges) { busy += e.D; peak = Math.Max(peak, busy); }
            Assert.InRange(peak, 1, capacity);
        }
        Assert.All(samples, s => Assert.InRange(s.BusyChips, 0, s.TotalChips));
        Assert.Equal(96, Enumerable.Range(0, engine.Capacity.PoolCount).Sum(p => engine.Capacity.FreeChipsInPool(p)));
    }

    [Fact]
    public void Samples_fall_on_the_interval_grid_up_to_the_makespan_and_show_busy_chips()
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (RefServer, 1)).WithSampleInterval(SimDuration.FromSeconds(60)).Build();
        // One 8-chip job from t=0 for 130 s: samples at 0, 60, 120 see 8 busy chips; makespan 130 s.
        var (_, samples, _) = EngineHarness.Run(scenario, [Job(0, 0, 8, 100)]);

        Assert.Equal(new long[] { 0, 60_000_000, 120_000_000 }, samples.Select(s => s.TimeUs).ToArray());
        Assert.All(samples, s => Assert.Equal(8, s.BusyChips));
        // power = (8 x 500 + 1 x 1000) W x 1.25 = 6.25 kW
        Assert.All(samples, s => Assert.Equal(6.25, s.PowerKw, 9));
    }

    [Fact]
    public void Sampled_power_follows_the_job_class_s_use_as_its_energy_does_not_TDP()
    {
        // 8 chips (idle 100 W, TDP 500 W) at u = 0.5 draw 300 W each, the host (1,000 W, half idle) 750 W:
        // (8 x 300 + 750) W x PUE 1.25 = 3.9375 kW, where TDP and a full host would say 6.25 kW.
        var server = RefServer with { Chip = RefGpu with { IdleW = 100 }, HostIdleFraction = 0.5 };
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (server, 2)).WithSampleInterval(SimDuration.FromSeconds(60)).Build();
        scenario = scenario with
        {
            Performance = scenario.Performance with { Classes = [.. scenario.Performance.Classes.Select(c => c with { ChipUtilisation = 0.5 })] },
        };

        var (outcomes, samples, _) = EngineHarness.Run(scenario, [Job(0, 0, 8, 100)]);

        Assert.All(samples, s => Assert.Equal(3.9375, s.PowerKw, 9));
        // Power x time over the run is the job's energy (it ran from 0 to 130 s).
        Assert.Equal(outcomes[0].EnergyKwh, 3.9375 * outcomes[0].End.TotalSeconds / 3600, 9);
    }

    [Fact]
    public void Submitting_a_job_in_the_engine_past_throws()
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (RefServer, 1)).Build();
        var engine = Scheduling.CentreEngineFactory.Create(scenario, scenario.Centres[0], Scheduling.PolicyRegistry.CreateBuiltIn());
        engine.Submit(Job(0, 10, 1, 1), SimTime.FromSeconds(10));
        engine.AdvanceTo(SimTime.FromSeconds(20));

        Assert.Throws<InvalidOperationException>(() => engine.Submit(Job(1, 5, 1, 1), SimTime.FromSeconds(5)));
    }
}
