using ComputeScheduler.Model.Ids;
using ComputeScheduler.Scheduling.Placement;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Scheduling.Tests.Placement;

public class FgdBaselinePlacementTests
{
    // Three 8-GPU servers: s0 wholly free; s1 has GPU 0 half taken; s2 has two whole GPUs taken.
    private static CapacityIndex Centre()
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (ScenarioBuilder.RefServer, 3)).Build();
        var index = new CapacityIndex(scenario.Centres[0]);
        index.Allocate(new[] { ChipGrant.Shared(1, 0, 500), new ChipGrant(2, 2) });
        return index;
    }

    private static ChipGrant PlaceOne(IPlacementPolicy policy, CapacityIndex free, int chips, int milli = 1000)
    {
        var grants = new ChipGrant[1];
        Assert.True(policy.Place(new PlacementRequest(new JobId(1), chips, 1, milli), free, grants).IsPlaced);
        return grants[0];
    }

    [Fact]
    public void Gpu_packing_puts_a_shared_task_on_a_partly_taken_gpu_first()
    {
        // s1 GPU 0 (500 free): 100 - 50 / 10 = 95; any other GPU is wholly free: 49 or 25.
        Assert.Equal(ChipGrant.Shared(1, 0, 300), PlaceOne(new GpuPackingPlacement(), Centre(), 1, 300));
    }

    [Fact]
    public void Gpu_packing_keeps_wholly_free_servers_for_later()
    {
        // A one-GPU task: used servers s1, s2 score 50 - 1 = 49; the free s0 scores 33 - 8 = 25, even
        // when it ranks first among equals.
        Assert.NotEqual(0, PlaceOne(new GpuPackingPlacement(new ServerOrder([0, 1, 2])), Centre(), 1).Server);
    }

    [Fact]
    public void Scored_placements_give_equal_scores_to_the_server_of_lowest_rank()
    {
        // s1 and s2 tie at 49 for a one-GPU task: by index s1 wins; ranked s2 before s1, s2 wins.
        Assert.Equal(1, PlaceOne(new GpuPackingPlacement(ServerOrder.ByIndex), Centre(), 1).Server);
        Assert.Equal(2, PlaceOne(new GpuPackingPlacement(new ServerOrder([0, 2, 1])), Centre(), 1).Server);
        // A CPU-only task scores 0 everywhere: the first-ranked server takes it.
        Assert.Equal(2, PlaceOne(new GpuPackingPlacement(new ServerOrder([2, 1, 0])), Centre(), 0).Server);
    }

    [Fact]
    public void A_shuffled_server_order_is_fixed_for_its_seed_and_differs_between_seeds()
    {
        int[] Ranks(int seed) => Enumerable.Range(0, 1000).Select(ServerOrder.Shuffled(seed).Rank).ToArray();
        int[] Order(int seed) => Enumerable.Range(0, 1000).OrderBy(s => Ranks(seed)[s]).ToArray();

        Assert.Equal(Ranks(7), Ranks(7));
        Assert.NotEqual(Order(7), Order(8));
        Assert.NotEqual(Enumerable.Range(0, 1000), Order(7));
        // Equal scores go to the first server of the order: over many seeds, each of three tied servers wins sometimes.
        var winners = Enumerable.Range(0, 40).Select(seed => PlaceOne(new GpuPackingPlacement(ServerOrder.Shuffled(seed)), Centre(), 0).Server).ToHashSet();
        Assert.Equal([0, 1, 2], winners.Order());
    }

    [Fact]
    public void Random_draws_uniformly_among_servers_that_fit_and_repeats_for_a_seed()
    {
        // A 7-GPU task fits s0 and s1 (7 wholly free) but not s2 (6).
        var servers = Enumerable.Range(0, 30).Select(seed => PlaceOne(new RandomPlacement(seed), Centre(), 7).Server).ToArray();

        Assert.DoesNotContain(2, servers);
        Assert.Contains(0, servers);
        Assert.Contains(1, servers);
        Assert.Equal(PlaceOne(new RandomPlacement(4), Centre(), 7), PlaceOne(new RandomPlacement(4), Centre(), 7));
    }

    [Fact]
    public void Gpu_clustering_puts_a_task_with_tasks_of_its_own_shape()
    {
        // Three idle 8-GPU servers; tasks placed one after another through the policy.
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (ScenarioBuilder.RefServer, 3)).Build();
        var free = new CapacityIndex(scenario.Centres[0]);
        var policy = new GpuClusteringPlacement();
        ChipGrant Place(int chips, int milli)
        {
            var grants = new ChipGrant[1];
            Assert.True(policy.Place(new PlacementRequest(new JobId(1), chips, 1, milli), free, grants).IsPlaced);
            free.Allocate(grants);
            return grants[0];
        }

        var shared = Place(1, 300);
        var firstWhole = Place(1, 1000);
        // The one-GPU task avoids the server holding a shared task (0 + used = 0) for an idle one (25 + 0).
        Assert.NotEqual(shared.Server, firstWhole.Server);
        // A second shared task joins the first (75 + used beats every other server).
        Assert.Equal(shared.Server, Place(1, 200).Server);
        // A second one-GPU task joins the first one-GPU task.
        Assert.Equal(firstWhole.Server, Place(1, 1000).Server);
    }

    [Fact]
    public void Dot_product_prefers_the_server_whose_free_resources_align_least_with_the_request()
    {
        // A 4-GPU task on 8-GPU servers without CPU modelled, both dimensions over the largest spec (8 GPUs):
        // dot = (free / 8000) x (4000 / 8000), score floor(100 (1 - dot / 2)). s0 (all free): dot 0.5 -> 75;
        // s1 (7500 free): 0.469 -> 76; s2 (6000 free): 0.375 -> 81. s2 wins.
        Assert.Equal(2, PlaceOne(new DotProductPlacement(), Centre(), 4).Server);
    }

    [Fact]
    public void Weighted_best_fit_sends_a_cpu_only_task_where_least_cpu_and_gpu_are_left()
    {
        // Servers of 64 cores: s0 has all 8 GPUs and 64 cores free; s1 has 1 GPU and 40 cores free;
        // s2 has 8 GPUs and 20 cores free. A 10-core CPU-only task: leftover 0.5 x 54/128 + 0.5 x 8000/8000
        // = 0.71 on s0, 0.5 x 30/128 + 0.5 x 1000/8000 = 0.18 on s1, 0.5 x 10/128 + 0.5 = 0.54 on s2:
        // s1 wins. Best fit by CPU alone would take s2 and strand its 8 GPUs.
        var server = ScenarioBuilder.RefServer with { CpuMilli = 64_000 };
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (server, 3)).Build();
        var free = new CapacityIndex(scenario.Centres[0]);
        free.Allocate(new[] { new ChipGrant(1, 7).WithHostResources(24_000, 0), new ChipGrant(2, 0, ChipGrant.Whole, 0, 44_000, 0) });
        var grants = new ChipGrant[1];

        Assert.True(new WeightedBestFitPlacement().Place(new PlacementRequest(new JobId(1), 0, 1, CpuMilli: 10_000), free, grants).IsPlaced);
        Assert.Equal(1, grants[0].Server);
    }
}
