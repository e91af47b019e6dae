using ComputeScheduler.Scheduling.Placement;
using ComputeScheduler.Simulation.Capacity;

namespace ComputeScheduler.Scheduling.Tests.Placement;

public class YarnPlacementTests
{
    private readonly YarnPlacement _policy = new();

    [Fact]
    public void Yarn_puts_a_job_that_fits_one_server_on_the_first_server_with_room_as_first_fit_does()
    {
        // Free: s0 2, s1 8, s2 3. A 3-chip job: s0 too small, s1 is the first with room (best fit would pick s2).
        var centre = CentreState.WithBusy(4, 6, 0, 5);
        Assert.Equal([new ChipGrant(1, 3)], centre.Place(_policy, 3).Grants);
    }

    [Fact]
    public void Yarn_gives_a_larger_job_wholly_free_servers_and_the_remainder_on_the_first_other_server_with_room()
    {
        // Free: s0 2, s1 8, s2 4, s3 8. 12 chips: s1 whole, then 4 on s2 (the first other server with 4 free; not s0).
        var centre = CentreState.WithBusy(4, 6, 0, 4, 0);
        Assert.Equal([new ChipGrant(1, 8), new ChipGrant(2, 4)], centre.Place(_policy, 12).Grants);
    }

    [Fact]
    public void Yarn_makes_a_larger_job_wait_without_enough_wholly_free_servers_though_enough_chips_are_free()
    {
        // Free: 4 + 4 + 4 + 4 = 16 chips, but no wholly free server for a 12-chip job (first-fit would scatter it).
        var centre = CentreState.WithBusy(4, 4, 4, 4, 4);
        Assert.False(centre.Place(_policy, 12).Result.IsPlaced);
        Assert.True(centre.Place(new FirstFitPlacement(), 12).Result.IsPlaced);
    }
}
