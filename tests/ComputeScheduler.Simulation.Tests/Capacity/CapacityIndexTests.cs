using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Simulation.Tests.Capacity;

public class CapacityIndexTests
{
    private static CapacityIndex TwoServers() => new(new ScenarioBuilder().WithCentre("c", "r", (ScenarioBuilder.RefServer, 2)).Build().Centres[0]);

    [Fact]
    public void Whole_chip_grants_take_the_lowest_wholly_free_chips_and_give_them_back()
    {
        var index = TwoServers();
        ChipGrant[] grants = [new(0, 3)];
        index.Allocate(grants);

        Assert.Equal(0b111UL, grants[0].ChipMask);
        Assert.Equal(5, index.FreeChips(0));
        Assert.Equal(0, index.FreeMilli(0, 2));
        Assert.Equal(1000, index.FreeMilli(0, 3));

        index.Release(grants);
        Assert.Equal(8, index.FreeChips(0));
        Assert.Equal(2, index.ServersWithFree(0, 8)); // both servers wholly free again
    }

    [Fact]
    public void A_shared_chip_is_no_longer_wholly_free_until_every_share_is_back()
    {
        var index = TwoServers();
        ChipGrant[] a = [ChipGrant.Shared(0, 5, 600)];
        ChipGrant[] b = [ChipGrant.Shared(0, 5, 400)];
        index.Allocate(a);
        Assert.Equal(7, index.FreeChips(0));
        Assert.Equal(400, index.FreeMilli(0, 5));
        index.Allocate(b);
        Assert.Equal(0, index.FreeMilli(0, 5));

        // A whole-chip grant of 7 now skips chip 5.
        ChipGrant[] whole = [new(0, 7)];
        index.Allocate(whole);
        Assert.Equal(0b1101_1111UL, whole[0].ChipMask);

        index.Release(a);
        Assert.Equal(0, index.FreeChips(0));
        index.Release(b);
        Assert.Equal(1, index.FreeChips(0));
        Assert.Equal(1000, index.FreeMilli(0, 5));
    }

    [Fact]
    public void A_share_larger_than_what_is_left_of_the_chip_is_refused()
    {
        var index = TwoServers();
        index.Allocate([ChipGrant.Shared(1, 0, 700)]);
        Assert.Throws<InvalidOperationException>(() => index.Allocate([ChipGrant.Shared(1, 0, 301)]));
        Assert.Throws<InvalidOperationException>(() => index.Allocate([new ChipGrant(1, 8)]));
    }
}
