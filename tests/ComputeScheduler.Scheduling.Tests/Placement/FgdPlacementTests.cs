using ComputeScheduler.Model.Ids;
using ComputeScheduler.Scheduling.Placement;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Scheduling.Tests.Placement;

public class FgdPlacementTests
{
    // Two servers of two reference GPUs. Server 0: GPU 0 has 700 thousandths free (300 taken), GPU 1 is free.
    // Server 1: both free.
    private static CapacityIndex TwoServers()
    {
        var server = ScenarioBuilder.RefServer with { ChipsPerServer = 2, ScaleUpDomainChips = 2 };
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (server, 2)).Build();
        var index = new CapacityIndex(scenario.Centres[0]);
        index.Allocate(new[] { ChipGrant.Shared(0, 0, 300) });
        return index;
    }

    private static readonly TargetWorkload SixHundredths = new([(new TaskShape(0, 600, 1, null), 1.0)]);

    [Fact]
    public void Fragmentation_counts_the_free_gpu_thousandths_a_typical_task_could_not_use()
    {
        // Typical task: 600 thousandths of one GPU. [400, 1000]: the 400 are a fragment. [700, 1000]: none.
        Assert.Equal(400, GpuFragmentation.Of("ref-gpu", 0, [400, 1000], SixHundredths));
        Assert.Equal(0, GpuFragmentation.Of("ref-gpu", 0, [700, 1000], SixHundredths));
        // A task that may not use this chip model, or asks for no GPU, leaves every free thousandth as a fragment.
        Assert.Equal(1400, GpuFragmentation.Of("ref-gpu", 0, [400, 1000], new TargetWorkload([(new TaskShape(0, 600, 1, "dom-npu"), 1.0)])));
        Assert.Equal(1400, GpuFragmentation.Of("ref-gpu", 0, [400, 1000], new TargetWorkload([(new TaskShape(1000, 0, 0, null), 1.0)])));
        // Mixed: half the tasks want a whole GPU (fragment 400 + 0), half 600 (fragment 400).
        Assert.Equal(400, GpuFragmentation.Of("ref-gpu", 0, [400, 1000],
            new TargetWorkload([(new TaskShape(0, 1000, 1, null), 1.0), (new TaskShape(0, 600, 1, null), 1.0)])));
    }

    [Fact]
    public void Typical_tasks_are_the_most_popular_shapes_making_up_the_share_asked_renormalised()
    {
        var whole = new TaskShape(4000, 1000, 1, null);
        var half = new TaskShape(2000, 500, 1, null);
        var cpu = new TaskShape(8000, 0, 0, null);
        var eight = new TaskShape(64_000, 1000, 8, null);
        var workload = new TargetWorkload([(whole, 60), (half, 30), (cpu, 7), (eight, 3)]);

        // 60 + 30 = 90 % < 95 %: the CPU shape is needed too (97 %); the 8-GPU shape is not.
        var typical = workload.MostPopular(0.95);

        Assert.Equal([whole, half, cpu], typical.Shares.Select(s => s.Shape));
        Assert.Equal(60.0 / 97, typical.Shares[0].Share, 12);
        Assert.Equal(4, workload.MostPopular(1).Count);
    }

    [Fact]
    public void Fgd_chooses_the_gpu_that_adds_least_fragmentation_where_best_fit_packs_tightest()
    {
        // A 300-thousandths task. Best fit packs it onto server 0 GPU 0 (700 -> 400 left), which leaves
        // 400 that no typical 600 task can use: fragmentation +400, score floor(100 sigmoid(-0.4)) = 40.
        // Server 0 GPU 1 (-> 700) or either GPU of server 1 (-> 700) adds none: score 50. FGD takes one of those.
        var job = new PlacementRequest(new JobId(1), 1, 1, Milli: 300);
        var fgdGrants = new ChipGrant[1];
        var bestGrants = new ChipGrant[1];
        var fgd = new FgdPlacement(SixHundredths, ServerOrder.ByIndex).Place(job, TwoServers(), fgdGrants);
        var best = new BestFitPlacement().Place(job, TwoServers(), bestGrants);

        Assert.True(best.IsPlaced);
        Assert.Equal(ChipGrant.Shared(0, 0, 300), bestGrants[0]);
        Assert.True(fgd.IsPlaced);
        Assert.NotEqual(ChipGrant.Shared(0, 0, 300), fgdGrants[0]);
        Assert.Equal(50, FgdPlacement.Score(0));
        Assert.Equal(40, FgdPlacement.Score(-400));
    }

    [Fact]
    public void Fgd_breaks_a_tie_between_servers_in_favour_of_the_lowest_ranked()
    {
        // Server 0 GPU 1 and server 1 GPU 0 both score 50 for a 300-thousandths task.
        var job = new PlacementRequest(new JobId(1), 1, 1, Milli: 300);
        ChipGrant Pick(ServerOrder order)
        {
            var grants = new ChipGrant[1];
            Assert.True(new FgdPlacement(SixHundredths, order).Place(job, TwoServers(), grants).IsPlaced);
            return grants[0];
        }

        Assert.Equal(ChipGrant.Shared(0, 1, 300), Pick(ServerOrder.ByIndex));
        Assert.Equal(ChipGrant.Shared(1, 0, 300), Pick(new ServerOrder([1, 0])));
    }
}
