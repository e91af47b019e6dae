using System.Collections.Immutable;
using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Model.Topology;
using ComputeScheduler.Simulation.Policies;
using ComputeScheduler.Scheduling.Dispatch;
using ComputeScheduler.Simulation.National;
using ComputeScheduler.Simulation.Results;
using ComputeScheduler.Testing;
using static ComputeScheduler.Testing.ScenarioBuilder;

namespace ComputeScheduler.Scheduling.Tests.Dispatch;

public class NationalDispatcherTests
{
    private static CentreReport Report(Scenario s, int centre, int busyChips = 0, long queuedChips = 0)
    {
        var pools = s.Centres[centre].Pools
            .Select((p, i) => new PoolReport(p.Chip.Id, p.Chip.SoftwareStack, p.TotalChips, i == 0 ? p.TotalChips - busyChips : p.TotalChips))
            .ToImmutableArray();
        return new CentreReport(new CentreId(centre), SimTime.Zero, SimTime.MaxValue, 0, queuedChips, 0, 0, pools);
    }

    private static NationalDispatcher Dispatcher(Scenario s) => new(s.Centres, s.DemandRegions, s.Wan, new LeastLoadedDispatch());

    /// <summary>Holds every job in the first round it sees it, then sends it to the first eligible centre.</summary>
    private sealed class HoldOnce : IDispatchPolicy
    {
        private readonly HashSet<long> _seen = new();

        public string Name => "hold-once";

        public DispatchDecision Dispatch(JobSpec job, ReadOnlySpan<CentreView> eligible)
            => _seen.Add(job.Id.Value) ? DispatchDecision.Wait : new DispatchDecision(true, eligible[0].Centre);
    }

    [Fact]
    public void A_job_held_by_the_policy_is_sent_later_with_its_first_round_so_its_hold_can_be_told_from_the_dispatch_interval()
    {
        var s = new ScenarioBuilder().WithCentre("a", "east", (RefServer, 4)).Build();
        var dispatcher = new NationalDispatcher(s.Centres, s.DemandRegions, s.Wan, new HoldOnce());
        var first = dispatcher.Dispatch(SimTime.FromSeconds(60), [Job(0, 30, 1, 10)], [Report(s, 0)]);
        Assert.Empty(first.Assigned);

        var sent = Assert.Single(dispatcher.Dispatch(SimTime.FromSeconds(120), [], [Report(s, 0)]).Assigned);
        Assert.Equal((60d, 120d, 120d), (sent.FirstRound.TotalSeconds, sent.Dispatched.TotalSeconds, sent.Arrival.TotalSeconds));
    }

    [Fact]
    public void A_job_sent_in_its_first_round_has_that_round_as_first_round_and_dispatch_time()
    {
        var s = new ScenarioBuilder().WithCentre("a", "east", (RefServer, 4)).Build();
        var sent = Assert.Single(Dispatcher(s).Dispatch(SimTime.FromSeconds(60), [Job(0, 30, 1, 10)], [Report(s, 0)]).Assigned);
        Assert.Equal((60d, 60d), (sent.FirstRound.TotalSeconds, sent.Dispatched.TotalSeconds));
    }

    [Fact]
    public void LeastLoaded_sends_a_job_to_the_centre_with_the_smallest_committed_share()
    {
        var s = new ScenarioBuilder().WithCentre("a", "east", (RefServer, 4)).WithCentre("b", "east", (RefServer, 4)).Build();
        // a: 24 of 32 busy (75 %); b: 8 busy + 8 queued of 32 (50 %).
        var round = Dispatcher(s).Dispatch(SimTime.Zero, [Job(0, 0, 1, 10)], [Report(s, 0, busyChips: 24), Report(s, 1, busyChips: 8, queuedChips: 8)]);

        Assert.Equal(new CentreId(1), Assert.Single(round.Assigned).Centre);
    }

    [Fact]
    public void A_cpu_only_job_bound_to_a_chip_model_goes_only_to_a_centre_that_has_it()
    {
        var s = new ScenarioBuilder().WithCentre("a", "east", (RefServer, 4)).WithCentre("b", "east", (DomServer, 4)).Build();
        var job = Job(0, 0, 0, 10, chipModel: DomServer.Chip.Id);
        var round = Dispatcher(s).Dispatch(SimTime.Zero, [job], [Report(s, 0), Report(s, 1, busyChips: 16)]);

        Assert.Equal(new CentreId(1), Assert.Single(round.Assigned).Centre);
    }

    [Fact]
    public void Jobs_sent_in_the_same_round_count_as_load_so_equal_centres_share_a_burst()
    {
        var s = new ScenarioBuilder().WithCentre("a", "east", (RefServer, 1)).WithCentre("b", "east", (RefServer, 1)).Build();
        var round = Dispatcher(s).Dispatch(SimTime.Zero, [Job(0, 0, 8, 10), Job(1, 0, 8, 10)], [Report(s, 0), Report(s, 1)]);

        Assert.Equal(new[] { 0, 1 }, round.Assigned.Select(a => a.Centre.Value).ToArray());
    }

    [Fact]
    public void Restricted_data_never_leaves_its_region_even_to_an_idle_centre()
    {
        var s = new ScenarioBuilder().WithCentre("a", "east", (RefServer, 4)).WithCentre("b", "west", (RefServer, 4)).Build();
        var job = Job(0, 0, 1, 10, dataRegion: "east", restricted: true);
        var round = Dispatcher(s).Dispatch(SimTime.Zero, [job], [Report(s, 0, busyChips: 31), Report(s, 1)]);

        Assert.Equal(new CentreId(0), Assert.Single(round.Assigned).Centre);
    }

    [Fact]
    public void Unrestricted_data_may_go_to_another_region()
    {
        var s = new ScenarioBuilder().WithCentre("a", "east", (RefServer, 4)).WithCentre("b", "west", (RefServer, 4)).Build();
        var job = Job(0, 0, 1, 10, dataRegion: "east", restricted: false);
        var round = Dispatcher(s).Dispatch(SimTime.Zero, [job], [Report(s, 0, busyChips: 31), Report(s, 1)]);

        Assert.Equal(new CentreId(1), Assert.Single(round.Assigned).Centre);
    }

    [Fact]
    public void A_job_needing_a_stack_goes_only_where_that_stack_runs()
    {
        var s = new ScenarioBuilder().WithCentre("a", "east", (RefServer, 4)).WithCentre("b", "east", (RefServer, 1), (DomServer, 1)).Build();
        var round = Dispatcher(s).Dispatch(SimTime.Zero, [Job(0, 0, 2, 10, stack: "cann")], [Report(s, 0), Report(s, 1)]);

        Assert.Equal(new CentreId(1), Assert.Single(round.Assigned).Centre);
    }

    [Fact]
    public void A_job_no_centre_can_ever_hold_is_rejected_with_the_reason()
    {
        var s = new ScenarioBuilder().WithCentre("a", "east", (RefServer, 2)).Build();
        var round = Dispatcher(s).Dispatch(SimTime.FromSeconds(60), [Job(0, 30, 64, 10), Job(1, 40, 1, 10, stack: "musa")], [Report(s, 0)]);

        Assert.Empty(round.Assigned);
        Assert.Equal(2, round.Rejected.Count);
        Assert.Contains("more than any matching pool", round.Rejected[0].RejectReason);
        Assert.Contains("no centre has chip model", round.Rejected[1].RejectReason);
        Assert.All(round.Rejected, r => Assert.Equal(60, r.End.TotalSeconds));
    }

    [Fact]
    public void An_inference_job_goes_only_to_centres_within_its_latency_limit()
    {
        // The demand region sits at (31, 111). "near" is at (30, 110), ~146 km: 146 x 1.5 x 5 us = ~1.1 ms.
        // "far" is moved to (45, 126), ~2,000 km: ~15 ms, over the 5 ms limit, though it is idle.
        var s = new ScenarioBuilder().WithCentre("near", "east", (RefServer, 1)).WithCentre("far", "east", (RefServer, 4)).Build();
        var far = s.Centres[1] with { LatDeg = 45, LonDeg = 126 };
        s = s with { Centres = [s.Centres[0], far] };
        var job = Job(0, 0, 1, 10) with { Kind = JobKind.Inference, DemandRegion = s.DemandRegions[0].Key, LatencyLimitMs = 5 };
        var round = Dispatcher(s).Dispatch(SimTime.Zero, [job], [Report(s, 0, busyChips: 7), Report(s, 1)]);

        Assert.Equal(new CentreId(0), Assert.Single(round.Assigned).Centre);
    }

    [Fact]
    public void A_job_addressed_to_a_centre_skips_the_policy()
    {
        var s = new ScenarioBuilder().WithCentre("a", "east", (RefServer, 1)).WithCentre("b", "east", (RefServer, 1)).Build();
        var round = Dispatcher(s).Dispatch(SimTime.Zero, [Job(0, 0, 1, 10, target: new CentreId(0))], [Report(s, 0, busyChips: 8), Report(s, 1)]);

        Assert.Equal(new CentreId(0), Assert.Single(round.Assigned).Centre);
    }

    /// <summary>Two centres at the same spot (no latency) joined by a 100 Gbit/s link; "a" is full, "b" idle.</summary>
    private static Scenario TwoCentresOneLink()
    {
        var s = new ScenarioBuilder().WithCentre("a", "east", (RefServer, 1)).WithCentre("b", "east", (RefServer, 1)).Build();
        return s with
        {
            Centres = [s.Centres[0], s.Centres[1] with { LatDeg = s.Centres[0].LatDeg, LonDeg = s.Centres[0].LonDeg }],
            Wan = s.Wan with { Links = [new WanLinkBandwidth("b", "a", 100)] },
        };
    }

    private static CentreReport ReportAt(Scenario s, int centre, SimTime reached, int busyChips = 0)
        => Report(s, centre, busyChips) with { Reached = reached };

    [Fact]
    public void A_job_sent_away_from_its_data_arrives_after_the_transfer_over_the_link()
    {
        var s = TwoCentresOneLink();
        // 500 GB x 8 bit / 100 Gbit/s (the pair's override, not the default 400) = 40 s; no latency.
        var job = Job(0, 0, 8, 600) with { DataCentre = "a", DataSizeGb = 500 };
        var round = Dispatcher(s).Dispatch(SimTime.FromSeconds(60), [job], [Report(s, 0, busyChips: 8), Report(s, 1)]);

        var sent = Assert.Single(round.Assigned);
        Assert.Equal(new CentreId(1), sent.Centre);
        Assert.Equal(SimTime.FromSeconds(100), sent.Arrival);
    }

    [Fact]
    public void A_link_upgraded_by_the_timeline_moves_data_faster_from_its_date()
    {
        var s = TwoCentresOneLink();
        s = s with { Wan = s.Wan with { Upgrades = [new WanLinkUpgrade("a", "b", 400, SimTime.FromSeconds(1000))] } };
        // Before the upgrade: 500 GB over 100 Gbit/s = 40 s; from 1,000 s on, over 400 Gbit/s = 10 s.
        var before = Dispatcher(s).Dispatch(SimTime.FromSeconds(60), [Job(0, 0, 8, 600) with { DataCentre = "a", DataSizeGb = 500 }], [Report(s, 0, busyChips: 8), Report(s, 1)]);
        var after = Dispatcher(s).Dispatch(SimTime.FromSeconds(1020), [Job(1, 1000, 8, 600) with { DataCentre = "a", DataSizeGb = 500 }], [Report(s, 0, busyChips: 8), Report(s, 1)]);

        Assert.Equal(SimTime.FromSeconds(100), Assert.Single(before.Assigned).Arrival);
        Assert.Equal(SimTime.FromSeconds(1030), Assert.Single(after.Assigned).Arrival);
    }

    [Fact]
    public void A_job_of_another_stack_goes_to_a_centre_it_can_be_ported_to_and_prefers_a_native_one_with_room()
    {
        var s = new ScenarioBuilder().WithCentre("a", "east", (DomServer, 1)).WithCentre("b", "east", (RefServer, 1)).Build();
        var porting = s.Performance with { Porting = [new Model.Timeline.PortingRule("cuda", "cann", 24, 0.5)] };
        var cuda = Job(0, 0, 8, 600, stack: "cuda");

        // Only the cann centre: refused without a rule, sent with one.
        var onlyCann = s with { Centres = [s.Centres[0]] };
        Assert.Single(new NationalDispatcher(onlyCann.Centres, onlyCann.DemandRegions, onlyCann.Wan, new LeastLoadedDispatch()).Dispatch(SimTime.Zero, [cuda], [Report(onlyCann, 0)]).Rejected);
        Assert.Single(new NationalDispatcher(onlyCann.Centres, onlyCann.DemandRegions, onlyCann.Wan, new LeastLoadedDispatch(), porting).Dispatch(SimTime.Zero, [cuda], [Report(onlyCann, 0)]).Assigned);
        // Both: the ported chips count as taken, so the native centre with room wins.
        var round = new NationalDispatcher(s.Centres, s.DemandRegions, s.Wan, new LeastLoadedDispatch(), porting).Dispatch(SimTime.Zero, [cuda], [Report(s, 0), Report(s, 1)]);
        Assert.Equal(new CentreId(1), Assert.Single(round.Assigned).Centre);
    }

    [Fact]
    public void A_job_whose_class_needs_more_memory_per_chip_than_a_centre_holds_goes_elsewhere_or_is_refused_naming_memory()
    {
        var small = RefGpu with { Id = "gpu-32gb", MemoryGb = 32 };
        var s = new ScenarioBuilder().WithCentre("a", "east", (RefServer with { Id = "gpu-32gb-8", Chip = small }, 4)).WithCentre("b", "east", (RefServer, 1)).Build();
        var performance = s.Performance with { Classes = [.. s.Performance.Classes.Select(c => c.Name == "serve" ? c with { MemoryPerChipGb = 80 } : c)] };
        var serve = Job(0, 0, 1, 600, jobClass: "serve");

        // Centre a has more free chips, but they hold 32 GB: the job goes to b.
        var both = new NationalDispatcher(s.Centres, s.DemandRegions, s.Wan, new LeastLoadedDispatch(), performance).Dispatch(SimTime.Zero, [serve], [Report(s, 0), Report(s, 1)]);
        Assert.Equal(new CentreId(1), Assert.Single(both.Assigned).Centre);

        var onlySmall = s with { Centres = [s.Centres[0]] };
        var refused = new NationalDispatcher(onlySmall.Centres, onlySmall.DemandRegions, onlySmall.Wan, new LeastLoadedDispatch(), performance).Dispatch(SimTime.Zero, [serve], [Report(onlySmall, 0)]);
        Assert.Contains("needs 80 GB of memory per chip (job class 'serve')", Assert.Single(refused.Rejected).RejectReason);
    }

    [Fact]
    public void A_job_run_where_its_data_lives_arrives_at_once()
    {
        var s = TwoCentresOneLink();
        var job = Job(0, 0, 8, 600) with { DataCentre = "b", DataSizeGb = 500 };
        var round = Dispatcher(s).Dispatch(SimTime.FromSeconds(60), [job], [Report(s, 0, busyChips: 8), Report(s, 1)]);

        Assert.Equal(SimTime.FromSeconds(60), Assert.Single(round.Assigned).Arrival);
    }

    [Fact]
    public void Jobs_still_crossing_the_wan_count_as_queued_at_their_centre_until_they_arrive()
    {
        var s = TwoCentresOneLink();
        var dispatcher = Dispatcher(s);
        // 5,000 GB over 100 Gbit/s = 400 s: sent to b at 0, it reaches b at 400 s.
        var big = Job(0, 0, 8, 600) with { DataCentre = "a", DataSizeGb = 5000 };
        dispatcher.Dispatch(SimTime.Zero, [big], [Report(s, 0, busyChips: 8), Report(s, 1)]);
        // At 60 s b's report does not know the job yet (8 free). a has 4 free, b 8 free less the 8 in
        // transit: least-loaded sees a at (4 busy) / 8 = 0.5 and b at (0 busy + 8 in transit) / 8 = 1.0.
        var t60 = SimTime.FromSeconds(60);
        var round = dispatcher.Dispatch(t60, [Job(1, 30, 1, 600)], [ReportAt(s, 0, t60, busyChips: 4), ReportAt(s, 1, t60)]);
        Assert.Equal(new CentreId(0), Assert.Single(round.Assigned).Centre);
        // At 420 s b has run past the arrival: the job is in b's own report now, no longer counted twice.
        var t420 = SimTime.FromSeconds(420);
        round = dispatcher.Dispatch(t420, [Job(2, 400, 1, 600)], [ReportAt(s, 0, t420, busyChips: 4), ReportAt(s, 1, t420, busyChips: 1)]);
        Assert.Equal(new CentreId(1), Assert.Single(round.Assigned).Centre);
    }

    [Fact]
    public void A_job_whose_data_centre_is_unknown_is_rejected_with_the_reason()
    {
        var s = TwoCentresOneLink();
        var round = Dispatcher(s).Dispatch(SimTime.Zero, [Job(0, 0, 1, 600) with { DataCentre = "nowhere" }], [Report(s, 0), Report(s, 1)]);

        Assert.Contains("data centre 'nowhere'", Assert.Single(round.Rejected).RejectReason);
    }

    [Fact]
    public void A_job_held_by_the_policy_is_offered_again_in_the_next_round_before_new_jobs()
    {
        var s = new ScenarioBuilder().WithCentre("a", "east", (RefServer, 1)).Build();
        var dispatcher = new NationalDispatcher(s.Centres, s.DemandRegions, s.Wan, new HoldFirstOffer());
        var first = dispatcher.Dispatch(SimTime.Zero, [Job(0, 0, 1, 10)], [Report(s, 0)]);
        Assert.Empty(first.Assigned);
        Assert.Equal(1, dispatcher.Waiting);

        var second = dispatcher.Dispatch(SimTime.FromSeconds(60), [Job(1, 30, 1, 10)], [Report(s, 0)]);
        Assert.Equal(new[] { 0L }, second.Assigned.Select(a => a.Job.Id.Value).ToArray());   // job 1 is held on its first offer
        Assert.Equal(SimTime.FromSeconds(60), second.Assigned[0].Arrival);
        Assert.Equal(1, dispatcher.Waiting);
    }

    /// <summary>Holds each job the first time it is offered, sends it to the first centre the next time.</summary>
    private sealed class HoldFirstOffer : IDispatchPolicy
    {
        private readonly HashSet<JobId> _seen = new();
        public string Name => "hold-first-offer";
        public DispatchDecision Dispatch(JobSpec job, ReadOnlySpan<CentreView> eligible)
            => _seen.Add(job.Id) ? DispatchDecision.Wait : DispatchDecision.To(eligible[0].Centre);
    }
}
