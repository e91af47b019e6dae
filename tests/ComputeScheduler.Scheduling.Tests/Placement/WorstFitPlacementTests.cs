using ComputeScheduler.Scheduling.Placement;
using ComputeScheduler.Simulation.Capacity;

namespace ComputeScheduler.Scheduling.Tests.Placement;

public class WorstFitPlacementTests
{
    private readonly WorstFitPlacement _policy = new();

    [Fact]
    public void WorstFit_spreads_to_the_server_with_the_most_free_chips()
    {
        // Free: s0 3, s1 6, s2 6, s3 2. A 2-chip job goes to s1 (6 free, the lowest index of the two).
        var centre = CentreState.WithBusy(4, 5, 2, 2, 6);
        Assert.Equal([new ChipGrant(1, 2)], centre.Place(_policy, 2).Grants);
    }

    [Fact]
    public void WorstFit_takes_a_large_job_from_the_emptiest_servers_first()
    {
        // Free: s0 2, s1 8, s2 5. 12 chips = 8 from s1, then 4 from s2.
        var centre = CentreState.WithBusy(4, 6, 0, 3);
        Assert.Equal([new ChipGrant(1, 8), new ChipGrant(2, 4)], centre.Place(_policy, 12).Grants);
    }

    [Fact]
    public void WorstFit_puts_a_shared_job_on_the_chip_with_the_most_room()
    {
        var centre = CentreState.WithBusy(4, 7, 8);
        centre.Index.Allocate([ChipGrant.Shared(0, 7, 200)]);
        // Server 0 has chips 0-6 taken whole and chip 7 shared with 800 thousandths left; server 1 is full.
        // The only chip with room is server 0 chip 7.
        Assert.Equal([ChipGrant.Shared(0, 7, 300)], centre.Place(_policy, 1, milli: 300).Grants);
    }
}
