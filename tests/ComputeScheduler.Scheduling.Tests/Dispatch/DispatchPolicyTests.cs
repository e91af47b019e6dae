using ComputeScheduler.Model.Ids;
using ComputeScheduler.Simulation.Policies;
using ComputeScheduler.Scheduling.Dispatch;
using ComputeScheduler.Simulation.National;
using static ComputeScheduler.Testing.ScenarioBuilder;

namespace ComputeScheduler.Scheduling.Tests.Dispatch;

public class DispatchPolicyTests
{
    private static CentreView View(int id, int free, double price = 0.5, double carbon = 0.5, double pue = 1.2, long queued = 0)
        => new(new CentreId(id), $"c{id}", "r", 64, free, queued, 0, price, pue, carbon, 0);

    [Fact]
    public void RoundRobin_takes_the_centres_in_turn_skipping_those_not_eligible()
    {
        var rr = new RoundRobinDispatch();
        CentreView[] all = [View(0, 64), View(1, 64), View(2, 64)];
        CentreView[] notOne = [View(0, 64), View(2, 64)];

        Assert.Equal(0, rr.Dispatch(Job(0, 0, 1, 1), all).Centre.Value);
        Assert.Equal(2, rr.Dispatch(Job(1, 0, 1, 1), notOne).Centre.Value);   // centre 1 not eligible: next in turn
        Assert.Equal(0, rr.Dispatch(Job(2, 0, 1, 1), all).Centre.Value);      // wraps round
        Assert.Equal(1, rr.Dispatch(Job(3, 0, 1, 1), all).Centre.Value);
    }

    [Fact]
    public void PriceAware_picks_the_lowest_price_times_pue_among_centres_with_room()
    {
        // c0: 0.40 x 1.25 = 0.50; c1: 0.45 x 1.1 = 0.495 (cheapest, but only 4 chips free); c2: 0.5 x 1.2 = 0.60.
        CentreView[] views = [View(0, 64, price: 0.40, pue: 1.25), View(1, 4, price: 0.45, pue: 1.1), View(2, 64, price: 0.5)];
        Assert.Equal(1, new PriceAwareDispatch().Dispatch(Job(0, 0, 4, 1), views).Centre.Value);
        Assert.Equal(0, new PriceAwareDispatch().Dispatch(Job(1, 0, 8, 1), views).Centre.Value);   // no room at c1
    }

    [Fact]
    public void PriceAware_falls_back_to_the_least_loaded_centre_when_none_has_room()
    {
        CentreView[] views = [View(0, 2, price: 0.1), View(1, 8, price: 0.9)];
        Assert.Equal(1, new PriceAwareDispatch().Dispatch(Job(0, 0, 16, 1), views).Centre.Value);
    }

    [Fact]
    public void CarbonAware_picks_the_lowest_grid_intensity_times_pue()
    {
        CentreView[] views = [View(0, 64, carbon: 0.72), View(1, 64, carbon: 0.14), View(2, 64, carbon: 0.50)];
        Assert.Equal(1, new CarbonAwareDispatch().Dispatch(Job(0, 0, 8, 1), views).Centre.Value);
    }
}
