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
    public void Server_hours_in_service_count_the_servers_serving_in_each_span_clipped_to_the_run()
    {
        var makespan = SimTime.FromSeconds(3600);
        Assert.Equal(10, Pool.ServerHoursInService(SimTime.Zero, makespan), 12);
        // In service from 600 s; 4 servers retire at 1,800 s, the other 6 at 2,400 s: 10 x (1/3) h + 6 x (1/6) h = 13/3 server-hours.
        var window = Pool with
        {
            InServiceFrom = SimTime.FromSeconds(600),
            Retirements = [new ServerRetirement(SimTime.FromSeconds(1800), 4), new ServerRetirement(SimTime.FromSeconds(2400), 6)],
        };
        Assert.Equal(13 / 3d, window.ServerHoursInService(SimTime.Zero, makespan), 12);
        Assert.Equal(SimTime.FromSeconds(2400), window.InServiceUntil);
        Assert.Equal([(SimTime.FromSeconds(600), SimTime.FromSeconds(1800), 10), (SimTime.FromSeconds(1800), SimTime.FromSeconds(2400), 6)],
            window.ServiceSpans(SimTime.Zero, makespan).ToArray());
        Assert.Equal(13 / 3d * 8 * 2.5, window.CapexCny(makespan), 9);
        var late = Pool with { InServiceFrom = SimTime.FromSeconds(3600) };
        Assert.Equal(0, late.ServerHoursInService(SimTime.Zero, makespan));
        Assert.Equal(0, late.CapexCny(makespan));
        Assert.Empty(late.ServiceSpans(SimTime.Zero, makespan));
    }

    [Fact]
    public void An_installed_pool_draws_its_chips_idle_power_and_its_servers_host_power()
        => Assert.Equal(8 * 100 + 1000, Pool.BaseWPerServer);

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
