using System.Collections.Immutable;
using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Scheduling.Dispatch;
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

    [Fact]
    public void LeastLoaded_sends_a_job_to_the_centre_with_the_smallest_committed_share()
    {
        var s = new ScenarioBuilder().WithCentre("a", "east", (RefServer, 4)).WithCentre("b", "east", (RefServer, 4)).Build();
        // a: 24 of 32 busy (75 %); b: 8 busy + 8 queued of 32 (50 %).
        var round = Dispatcher(s).Dispatch(SimTime.Zero, [Job(0, 0, 1, 10)], [Report(s, 0, busyChips: 24), Report(s, 1, busyChips: 8, queuedChips: 8)]);

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
}
