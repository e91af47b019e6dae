using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Simulation.Engine;
using ComputeScheduler.Simulation.Results;
using ComputeScheduler.Testing;
using ComputeScheduler.Simulation.Tests.Properties;
using CsCheck;
using static ComputeScheduler.Testing.ScenarioBuilder;

namespace ComputeScheduler.Simulation.Tests.Engine;

public class WaitAttributionTests
{
    private static double S(JobOutcome o, WaitReason r) => o.WaitTimes.Seconds(r);

    [Fact]
    public void A_one_chip_job_behind_a_blocked_sixteen_chip_job_under_fifo_waits_for_queue_order_and_the_big_one_for_capacity()
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (RefServer, 2)).Build();
        // t=0: A takes one server (8 chips, 130 s). t=1: B wants 16 chips while 8 are free: no-capacity until A ends at 130.
        // t=2: C wants 1 chip and would fit, but FIFO keeps it behind B: queue-order until B starts at 130,
        // then no-capacity while B holds all 16 chips (210 s, to 340).
        var (o, _, _) = EngineHarness.Run(scenario, [Job(0, 0, 8, 100), Job(1, 1, 16, 100), Job(2, 2, 1, 100)]);

        Assert.Equal(129, S(o[1], WaitReason.NoCapacity), 6);
        Assert.Equal(0, S(o[1], WaitReason.QueueOrder) + S(o[1], WaitReason.Gang));
        Assert.Equal(128, S(o[2], WaitReason.QueueOrder), 6);
        Assert.Equal(210, S(o[2], WaitReason.NoCapacity), 6);
        Assert.Equal(0, S(o[2], WaitReason.Gang));
        Assert.Equal(o[2].Wait.Microseconds, o[2].WaitTimes.TotalUs);
    }

    [Fact]
    public void A_job_whose_chips_are_free_in_total_but_on_no_one_server_waits_for_gang()
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (RefServer, 3)).Build();
        // Three 6-chip jobs leave 2 free chips on each of the 3 servers (6 free). A 5-chip job must sit on one server:
        // 6 >= 5 free, yet no server has 5: gang, until the first 6-chip job ends (100 x (1 + 0.1 log2 6) s).
        var (o, _, _) = EngineHarness.Run(scenario, [Job(0, 0, 6, 100), Job(1, 0, 6, 100), Job(2, 0, 6, 100), Job(3, 1, 5, 100)]);

        double firstEnd = 100 * (1 + 0.1 * Math.Log2(6));
        Assert.Equal(firstEnd, o[3].Start.TotalSeconds, 5);
        Assert.Equal(firstEnd - 1, S(o[3], WaitReason.Gang), 5);
        Assert.Equal(o[3].Wait.Microseconds, o[3].WaitTimes.TotalUs);
    }

    [Fact]
    public void A_job_addressed_to_its_centre_waits_nothing_before_it_and_its_queued_time_is_its_wait()
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (RefServer, 1)).Build();
        var (o, _, _) = EngineHarness.Run(scenario, [Job(0, 0, 8, 100), Job(1, 5, 8, 100)]);

        Assert.Equal(0, S(o[1], WaitReason.Dispatch) + S(o[1], WaitReason.Held) + S(o[1], WaitReason.Transfer));
        Assert.Equal(o[1].Wait, o[1].Queued);
        Assert.Equal(125, S(o[1], WaitReason.NoCapacity), 6);
    }

    [Fact]
    public void The_wait_before_the_centre_splits_into_dispatch_held_and_transfer_from_the_times_the_engine_is_given()
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (RefServer, 1)).Build();
        var engine = CentreEngineFactory.Create(scenario, scenario.Centres[0], PolicyRegistry.CreateBuiltIn());
        engine.Submit(Job(0, 10, 1, 100), SimTime.FromSeconds(200), SimTime.FromSeconds(180), SimTime.FromSeconds(60));
        var o = Assert.Single(engine.AdvanceTo(SimTime.MaxValue).Outcomes);

        Assert.Equal((50d, 120d, 20d), (S(o, WaitReason.Dispatch), S(o, WaitReason.Held), S(o, WaitReason.Transfer)));
        Assert.Equal(o.Wait.Microseconds, o.WaitTimes.TotalUs);
    }

    [Fact]
    public void Stranded_chips_are_the_free_chips_no_waiting_job_can_use_and_none_while_a_waiting_job_could_start()
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (RefServer, 3)).WithSampleInterval(SimDuration.FromSeconds(10)).Build();
        // As in the gang case: 6 free chips, 2 per server, while a 5-chip job waits from t=1: all 6 are stranded.
        var (_, samples, _) = EngineHarness.Run(scenario, [Job(0, 0, 6, 100), Job(1, 0, 6, 100), Job(2, 0, 6, 100), Job(3, 1, 5, 100)]);
        Assert.Equal(0, samples.Single(s => s.TimeUs == 0).StrandedChips);
        Assert.Equal(6, samples.Single(s => s.TimeUs == 50_000_000).StrandedChips);

        // Under FIFO a 1-chip job behind a blocked 16-chip one could use the 8 free chips: they are not stranded.
        var two = new ScenarioBuilder().WithCentre("c", "r", (RefServer, 2)).WithSampleInterval(SimDuration.FromSeconds(10)).Build();
        var (_, fifo, _) = EngineHarness.Run(two, [Job(0, 0, 8, 100), Job(1, 1, 16, 100), Job(2, 2, 1, 100)]);
        Assert.Equal(0, fifo.Single(s => s.TimeUs == 50_000_000).StrandedChips);
    }

    public static TheoryData<string, string> Orders => new()
    {
        { "fifo", "best-fit" }, { "fifo", "random" }, { "2d-las", "best-fit" }, { "sjf", "topology-aware" },
        { "easy-backfill", "first-fit" }, { "gittins", "fgd" },
    };

    [Theory]
    [MemberData(nameof(Orders))]
    public void Every_jobs_wait_reasons_add_up_to_its_wait_and_queued_time_to_the_microsecond(string order, string placement)
    {
        FixedSample.Run(Gen.Int[0, 1_000_000], stream: 13, seed: 2026, cases: 4, seed =>
        {
            var scenario = new ScenarioBuilder().WithCentre("c", "r", serversPerRack: 2, (RefServer, 4), (DomServer, 2))
                .WithPolicies("least-loaded", order, placement).Build(seed);
            var rng = new Random(seed);
            int[] sizes = [1, 1, 2, 4, 8, 8, 12, 16, 24];
            double t = 0;
            var jobs = Enumerable.Range(0, 150).Select(i =>
            {
                t += rng.Next(0, 40) + rng.NextDouble();
                var job = Job(i, Math.Round(t, 6), sizes[rng.Next(sizes.Length)], rng.Next(20, 3000), stack: rng.Next(4) == 0 ? "cann" : null);
                return rng.Next(8) == 0 ? job with { Chips = 1, ChipMilli = 250 * rng.Next(1, 4) } : job;
            }).ToList();
            var (outcomes, _, _) = EngineHarness.Run(scenario, jobs);

            foreach (var o in outcomes.Where(o => o.Status == JobStatus.Finished))
            {
                var w = o.WaitTimes;
                long firstSpell = w[WaitReason.NoCapacity] + w[WaitReason.Gang] + w[WaitReason.QueueOrder];
                Assert.Equal((o.Start - o.Dispatch).Microseconds, firstSpell);
                Assert.Equal((o.Dispatch - o.Submit).Microseconds, w[WaitReason.Dispatch] + w[WaitReason.Held] + w[WaitReason.Transfer]);
                Assert.Equal(o.Queued.Microseconds, firstSpell + w[WaitReason.Preempted]);
                Assert.Equal(o.Wait.Microseconds + w[WaitReason.Preempted], w.TotalUs);
                Assert.All(WaitReasons.All, r => Assert.True(w[r] >= 0, $"{r} is {w[r]}"));
                if (o.Preemptions == 0) Assert.Equal(0, w[WaitReason.Preempted]);
            }
            if (order == "2d-las") Assert.Contains(outcomes, o => o.WaitTimes[WaitReason.Preempted] > 0);
        });
    }

    [Fact]
    public void The_same_run_twice_gives_the_same_wait_reasons()
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (RefServer, 2)).WithPolicies("least-loaded", "fifo", "random").Build();
        var jobs = Enumerable.Range(0, 60).Select(i => Job(i, i * 7, 1 + i % 9, 200 + i % 5 * 100)).ToList();
        var a = EngineHarness.Run(scenario, jobs).Outcomes;
        var b = EngineHarness.Run(scenario, jobs).Outcomes;
        Assert.Equal(a, b);
    }
}
