using ComputeScheduler.Scheduling.Placement;
using ComputeScheduler.Simulation.Capacity;

namespace ComputeScheduler.Scheduling.Tests.Placement;

public class BestFitPlacementTests
{
    private readonly BestFitPlacement _policy = new();

    [Fact]
    public void BestFit_prefers_the_server_left_with_fewest_free_chips()
    {
        // Free chips: s0 8, s1 3, s2 5, s3 4. A 3-chip job fits s1 exactly (0 left) rather than s0 (5 left).
        var centre = CentreState.WithBusy(4, 0, 5, 3, 4);
        var (result, grants) = centre.Place(_policy, 3);

        Assert.True(result.IsPlaced);
        Assert.Equal([new ChipGrant(1, 3)], grants);
    }

    [Fact]
    public void BestFit_breaks_ties_on_the_lowest_server_index()
    {
        // s1 and s3 both have 4 free; a 4-chip job goes to s1.
        var centre = CentreState.WithBusy(4, 0, 4, 0, 4);
        Assert.Equal([new ChipGrant(1, 4)], centre.Place(_policy, 4).Grants);
    }

    [Fact]
    public void BestFit_puts_a_multi_server_job_in_one_rack_when_one_can_hold_it()
    {
        // Racks of 2: rack 0 = s0 (busy 1), s1 (free); rack 1 = s2, s3 both free. 16 chips = 2 whole servers:
        // only rack 1 has two whole free servers.
        var centre = CentreState.WithBusy(2, 1, 0, 0, 0);
        var (result, grants) = centre.Place(_policy, 16);

        Assert.True(result.IsPlaced);
        Assert.Equal([new ChipGrant(2, 8), new ChipGrant(3, 8)], grants);
    }

    [Fact]
    public void BestFit_prefers_the_fullest_rack_that_holds_the_whole_job()
    {
        // Racks of 3. Rack 0: all free (24). Rack 1: s3, s4 free, s5 has 4 free (20). A 20-chip job
        // (2 whole + 4) fits both; rack 1 is left with 0 free, so it wins.
        var centre = CentreState.WithBusy(3, 0, 0, 0, 0, 0, 4);
        var (_, grants) = centre.Place(_policy, 20);

        Assert.Equal([new ChipGrant(3, 8), new ChipGrant(4, 8), new ChipGrant(5, 4)], grants);
    }

    [Fact]
    public void BestFit_spreads_over_racks_when_no_rack_can_hold_the_job()
    {
        // Racks of 1: each rack is one server. 16 chips need 2 whole servers anywhere: s0 is busy, so s1 and s2.
        var centre = CentreState.WithBusy(1, 2, 0, 0, 0);
        Assert.Equal([new ChipGrant(1, 8), new ChipGrant(2, 8)], centre.Place(_policy, 16).Grants);
    }

    [Fact]
    public void BestFit_says_not_now_when_the_free_chips_are_too_fragmented()
    {
        // 4 + 4 free chips on two servers, but a 5-chip job needs them on one server.
        var centre = CentreState.WithBusy(4, 4, 4);
        Assert.False(centre.Place(_policy, 5).Result.IsPlaced);
    }

    [Fact]
    public void BestFit_ignores_pools_the_job_may_not_use()
    {
        var centre = CentreState.WithBusy(4, 0, 0);
        Assert.False(centre.Place(_policy, 1, pools: 0).Result.IsPlaced);
    }

    [Fact]
    public void BestFit_puts_a_shared_job_on_the_partly_used_chip_it_fills_most()
    {
        var centre = CentreState.WithBusy(4, 0, 0);
        centre.Index.Allocate([ChipGrant.Shared(0, 2, 500), ChipGrant.Shared(1, 4, 700)]);
        // Free thousandths: server 0 chip 2 = 500, server 1 chip 4 = 300, others 1000.
        // A 300/1000 job fits server 1 chip 4 exactly.
        var (result, grants) = centre.Place(_policy, 1, milli: 300);

        Assert.True(result.IsPlaced);
        Assert.Equal([ChipGrant.Shared(1, 4, 300)], grants);
    }
}
