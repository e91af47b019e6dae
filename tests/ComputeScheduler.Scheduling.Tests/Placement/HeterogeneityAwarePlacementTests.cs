using ComputeScheduler.Model.Ids;
using ComputeScheduler.Scheduling.Placement;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Scheduling.Tests.Placement;

public class HeterogeneityAwarePlacementTests
{
    // Pool 0: one server of dom-npu chips, pool 1: one server of ref-gpu chips, both wholly free.
    private static CapacityIndex TwoPools(int busyOnFast = 0)
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (ScenarioBuilder.DomServer, 1), (ScenarioBuilder.RefServer, 1)).Build();
        var index = new CapacityIndex(scenario.Centres[0]);
        if (busyOnFast > 0) index.Allocate(new[] { new ChipGrant(1, busyOnFast) });
        return index;
    }

    private static (PlacementResult Result, ChipGrant[] Grants) Place(IPlacementPolicy policy, CapacityIndex free, int chips, double[]? throughput)
    {
        var buffer = new ChipGrant[chips];
        var result = policy.Place(new PlacementRequest(new JobId(1), chips, 0b11, Throughput: throughput), free, buffer);
        return (result, buffer[..result.GrantCount]);
    }

    [Fact]
    public void Heterogeneity_aware_puts_a_job_on_the_chip_model_where_it_runs_fastest()
    {
        // This job runs 3x faster per chip on the ref-gpu pool; best-fit would take the first pool.
        var (result, grants) = Place(new HeterogeneityAwarePlacement(), TwoPools(), 4, [1.0, 3.0]);
        var (bestFit, _) = Place(new BestFitPlacement(), TwoPools(), 4, [1.0, 3.0]);

        Assert.Equal(1, result.Pool);
        Assert.Equal([new ChipGrant(1, 4)], grants);
        Assert.Equal(0, bestFit.Pool);
    }

    [Fact]
    public void Heterogeneity_aware_follows_each_job_own_throughputs()
    {
        // A job that runs better on the first pool's chips goes there.
        Assert.Equal(0, Place(new HeterogeneityAwarePlacement(), TwoPools(), 4, [2.0, 1.0]).Result.Pool);
    }

    [Fact]
    public void Heterogeneity_aware_falls_back_to_the_next_fastest_pool_when_the_fastest_is_full()
    {
        var (result, _) = Place(new HeterogeneityAwarePlacement(), TwoPools(busyOnFast: 6), 4, [1.0, 3.0]);

        Assert.True(result.IsPlaced);
        Assert.Equal(0, result.Pool);
    }
}
