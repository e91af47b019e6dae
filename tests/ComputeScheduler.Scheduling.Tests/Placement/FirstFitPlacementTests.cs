using ComputeScheduler.Scheduling.Placement;
using ComputeScheduler.Simulation.Capacity;

namespace ComputeScheduler.Scheduling.Tests.Placement;

public class FirstFitPlacementTests
{
    private readonly FirstFitPlacement _policy = new();

    [Fact]
    public void FirstFit_takes_the_lowest_index_server_with_room_even_if_another_fits_tighter()
    {
        // Free: s0 2, s1 8, s2 3. A 3-chip job: s0 too small, s1 is the first with room (best fit would pick s2).
        var centre = CentreState.WithBusy(4, 6, 0, 5);
        Assert.Equal([new ChipGrant(1, 3)], centre.Place(_policy, 3).Grants);
    }

    [Fact]
    public void FirstFit_fills_a_large_job_server_by_server_from_the_lowest_index()
    {
        // Free: s0 2, s1 8, s2 8. 12 chips = 2 from s0, 8 from s1, 2 from s2.
        var centre = CentreState.WithBusy(4, 6, 0, 0);
        Assert.Equal([new ChipGrant(0, 2), new ChipGrant(1, 8), new ChipGrant(2, 2)], centre.Place(_policy, 12).Grants);
    }

    [Fact]
    public void FirstFit_says_not_now_when_the_pool_lacks_free_chips()
    {
        var centre = CentreState.WithBusy(4, 8, 7);
        Assert.False(centre.Place(_policy, 2).Result.IsPlaced);
    }
}
