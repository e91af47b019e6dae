using ComputeScheduler.Scheduling.Placement;
using ComputeScheduler.Simulation.Capacity;

namespace ComputeScheduler.Scheduling.Tests.Placement;

public class HostResourcesTests
{
    [Theory]
    [InlineData(BestFitPlacement.PolicyName)]
    [InlineData(FirstFitPlacement.PolicyName)]
    public void A_job_goes_past_a_server_with_chips_but_not_enough_cpu(string policy)
    {
        // Servers of 64,000 CPU milli. Server 0 has 60,000 taken by a CPU-only job: a 1-chip job asking
        // 8,000 CPU milli cannot go there although its chips are free; it goes to server 1.
        var centre = CentreState.WithBusyAndCpu(4, 64_000, 0, 0);
        centre.Index.Allocate([new ChipGrant(0, 0, ChipGrant.Whole, 0, 60_000)]);
        var (result, grants) = centre.Place(PolicyRegistry.CreateBuiltIn().CreatePlacement(policy), 1, cpuMilli: 8_000);

        Assert.True(result.IsPlaced);
        Assert.Equal(new ChipGrant(1, 1, ChipGrant.Whole, 0, 8_000), Assert.Single(grants));
    }

    [Fact]
    public void BestFit_puts_a_cpu_only_job_on_the_server_left_with_least_cpu()
    {
        var centre = CentreState.WithBusyAndCpu(4, 64_000, 0, 0, 0);
        centre.Index.Allocate([new ChipGrant(2, 0, ChipGrant.Whole, 0, 50_000)]);
        // Free CPU: 64,000 / 64,000 / 14,000. A 10,000 milli CPU-only job fits server 2 tightest.
        var (result, grants) = centre.Place(new BestFitPlacement(), 0, cpuMilli: 10_000);

        Assert.True(result.IsPlaced);
        Assert.Equal(new ChipGrant(2, 0, ChipGrant.Whole, 0, 10_000), Assert.Single(grants));
    }

    [Fact]
    public void A_cpu_only_job_waits_when_no_server_has_the_cpu()
    {
        var centre = CentreState.WithBusyAndCpu(4, 4_000, 0);
        Assert.False(centre.Place(new FirstFitPlacement(), 0, cpuMilli: 5_000).Result.IsPlaced);
    }

    [Fact]
    public void Cpu_is_given_back_when_the_job_ends()
    {
        var centre = CentreState.WithBusyAndCpu(4, 64_000, 0);
        ChipGrant[] grants = [new(0, 2, ChipGrant.Whole, 0, 16_000, 1_024)];
        centre.Index.Allocate(grants);
        Assert.Equal(48_000, centre.Index.FreeCpuMilli(0));
        centre.Index.Release(grants);
        Assert.Equal(64_000, centre.Index.FreeCpuMilli(0));
        Assert.Equal(8, centre.Index.FreeChips(0));
    }
}
