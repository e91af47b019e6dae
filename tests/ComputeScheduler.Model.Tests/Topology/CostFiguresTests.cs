using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Model.Topology;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Model.Tests.Topology;

public class CostFiguresTests
{
    private static readonly ChipPoolSpec Pool = new(CostScenarios.PricedRefServer, 10, 0);

    [Fact]
    public void A_pools_capex_is_servers_times_price_over_life_in_hours_times_installed_hours()
    {
        // 876,000 CNY / (5 x 8,760 h) = 20 CNY per server-hour = 2.5 per chip-hour; 10 servers for 3 h = 600 CNY.
        Assert.Equal(20, CostScenarios.PricedRefServer.CapexCnyPerServerHour, 1e-12);
        Assert.Equal(2.5, Pool.CapexCnyPerChipHour, 1e-12);
        Assert.Equal(600, Pool.CapexCny(SimTime.FromSeconds(3 * 3600)), 1e-9);
        // A chip-hour cost given by the scenario replaces the amortised price.
        Assert.Equal(7, (Pool with { ChipHourCostCny = 7 }).CapexCnyPerChipHour);
        Assert.Equal(0, ScenarioBuilder.RefServer.CapexCnyPerServerHour);
    }

    [Fact]
    public void The_installed_span_is_the_service_window_clipped_to_the_run()
    {
        var makespan = SimTime.FromSeconds(1000);
        Assert.Equal((SimTime.Zero, makespan), Pool.InstalledSpan(makespan));
        var window = Pool with { InServiceFrom = SimTime.FromSeconds(200), InServiceUntil = SimTime.FromSeconds(700) };
        Assert.Equal((SimTime.FromSeconds(200), SimTime.FromSeconds(700)), window.InstalledSpan(makespan));
        Assert.Equal(500 / 3600d, window.InstalledHours(makespan), 1e-12);
        var late = Pool with { InServiceFrom = SimTime.FromSeconds(1000) };
        Assert.Equal(0, late.InstalledHours(makespan));
        Assert.Equal(0, late.CapexCny(makespan));
        var early = Pool with { InServiceFrom = SimTime.FromSeconds(-50), InServiceUntil = SimTime.FromSeconds(5000) };
        Assert.Equal((SimTime.Zero, makespan), early.InstalledSpan(makespan));
        var retired = Pool with { InServiceUntil = SimTime.FromSeconds(-1) };
        Assert.Equal(0, retired.InstalledHours(makespan));
    }

    [Fact]
    public void An_installed_pool_draws_its_chips_idle_power_and_its_servers_host_power()
        => Assert.Equal(80 * 100 + 10 * 1000, Pool.InstalledBaseW);

    [Fact]
    public void Electricity_is_priced_at_the_flat_price_over_any_span()
    {
        var centre = new ScenarioBuilder().WithCentre("c", "r", (ScenarioBuilder.RefServer, 1)).Build().Centres[0];
        Assert.Equal(0.5, centre.MeanPriceCnyPerKwh(SimTime.Zero, SimTime.FromSeconds(86_400)));
        Assert.Equal(0.5, centre.MeanPriceCnyPerKwh(SimTime.FromSeconds(3600), SimTime.FromSeconds(3600)));
    }

    [Fact]
    public void A_job_moves_its_data_only_when_dispatched_to_a_centre_other_than_the_one_holding_it()
    {
        var job = ScenarioBuilder.Job(0, 0, 1, 60) with { DataCentre = "a", DataSizeGb = 1234 };
        Assert.Equal(1234, job.WanTransferGbTo("b"));
        Assert.Equal(0, job.WanTransferGbTo("a"));
        Assert.Equal(0, (job with { TargetCentre = new CentreId(1) }).WanTransferGbTo("b"));
        Assert.Equal(0, (job with { DataCentre = null }).WanTransferGbTo("b"));
        Assert.Equal(617, (WanSettings.Default with { TransferCnyPerTb = 500 }).TransferCostCny(1234), 1e-9);
    }
}
