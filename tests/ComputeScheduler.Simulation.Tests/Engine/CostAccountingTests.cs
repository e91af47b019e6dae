using ComputeScheduler.Model.Ids;
using ComputeScheduler.Simulation.Results;
using ComputeScheduler.Testing;
using static ComputeScheduler.Testing.ScenarioBuilder;

namespace ComputeScheduler.Simulation.Tests.Engine;

public class CostAccountingTests
{
    [Fact]
    public void A_finished_job_is_charged_its_chip_hours_of_capex_and_its_energy_at_the_centres_price()
    {
        // CostScenarios.OneCentre: 2 servers of 8 ref chips, 500 W TDP, 100 W idle, host 1,000 W per server,
        // 2.5 CNY of capex per chip-hour, PUE 1.25, 0.5 CNY/kWh. Class "serve" runs at exactly its reference runtime.
        var scenario = CostScenarios.OneCentre();
        var (outcomes, _, _) = EngineHarness.Run(scenario, [Job(0, 0, 8, 3600, jobClass: "serve"), Job(1, 0, 4, 1800, jobClass: "serve")]);

        var a = outcomes[0];
        Assert.Equal(JobStatus.Finished, a.Status);
        Assert.Equal((0.0, 3600.0), (a.Start.TotalSeconds, a.End.TotalSeconds));
        // energy = (8 x 500 + 8/8 x 1,000) W x 1 h x 1.25 = 6.25 kWh; cost 6.25 x 0.5 = 3.125 CNY
        Assert.Equal(6.25, a.EnergyKwh, 1e-12);
        Assert.Equal(3.125, a.EnergyCostCny, 1e-12);
        // capex = 8 chip-hours x 2.5 = 20 CNY; above idle = 8 chip-h x 400 W x 1.25 = 4 kWh
        Assert.Equal(20, a.CapexCny, 1e-12);
        Assert.Equal(4, a.AboveIdleEnergyKwh, 1e-12);
        Assert.Equal(23.125, a.CostCny, 1e-12);
        Assert.Equal(8, a.ReferenceChipHours, 1e-12);  // 8 chips x 3,600 s of work on reference chips

        var b = outcomes[1];
        // (4 x 500 + 4/8 x 1,000) W x 0.5 h x 1.25 = 1.5625 kWh; capex 4 x 0.5 x 2.5 = 5 CNY
        Assert.Equal(1.5625, b.EnergyKwh, 1e-12);
        Assert.Equal(5, b.CapexCny, 1e-12);
        Assert.Equal(5 + 1.5625 * 0.5, b.CostCny, 1e-12);
        Assert.Equal(0, b.WanTransferGb);
    }

    [Fact]
    public void A_job_whose_data_lives_in_another_centre_records_the_data_it_moved_and_an_addressed_one_moves_none()
    {
        var scenario = CostScenarios.OneCentre();
        var moved = Job(0, 0, 1, 60) with { DataCentre = "elsewhere", DataSizeGb = 2500 };
        var local = Job(1, 0, 1, 60) with { DataCentre = "c", DataSizeGb = 2500 };
        var addressed = Job(2, 0, 1, 60, target: new CentreId(0)) with { DataCentre = "elsewhere", DataSizeGb = 2500 };
        var rejected = Job(3, 0, 1, 60, jobClass: "no-such-class") with { DataCentre = "elsewhere", DataSizeGb = 700 };

        var (outcomes, _, _) = EngineHarness.Run(scenario, [moved, local, addressed, rejected]);

        Assert.Equal([2500.0, 0, 0, 700], outcomes.Select(o => o.WanTransferGb));
        Assert.Equal(JobStatus.Rejected, outcomes[3].Status);
    }
}
