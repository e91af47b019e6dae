using System.Text.Json;
using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Results;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Reports.Tests.Results;

public class CostBreakdownTests
{
    /// <summary>Three centres in two regions (a, b: region "east"; c: "west"), priced servers, WAN at 500 CNY per TB.</summary>
    private static Scenario ThreeCentres()
    {
        var s = new ScenarioBuilder()
            .WithCentre("a", "east", (CostScenarios.PricedRefServer, 2))
            .WithCentre("b", "east", (CostScenarios.PricedRefServer, 1), (CostScenarios.PricedDomServer, 1))
            .WithCentre("c", "west", (CostScenarios.PricedDomServer, 3))
            .Build();
        return s with { Wan = s.Wan with { TransferCnyPerTb = 500 } };
    }

    private static JobOutcome Finished(long id, int centre, string jobClass, double endS, double capex, double energyKwh, double wanGb = 0)
        => new(new JobId(id), JobKind.Training, jobClass, JobStatus.Finished, SimTime.Zero, SimTime.Zero, SimTime.Zero, SimTime.FromSeconds(endS),
            new CentreId(centre), "ref-gpu", 1, Locality.ScaleUpDomain, energyKwh, capex + energyKwh * 0.5, 0, null)
        {
            CapexCny = capex, EnergyCostCny = energyKwh * 0.5, AboveIdleEnergyKwh = energyKwh / 2, WanTransferGb = wanGb, ReferenceChipHours = id + 1,
        };

    private static RunRecorder Run(params JobOutcome[] outcomes)
    {
        var run = new RunRecorder();
        run.CountSubmitted(outcomes.Length);
        run.AddOutcomes(outcomes);
        return run;
    }

    private static RunRecorder Mixed() => Run(
        Finished(0, 0, "train", 7200, capex: 10, energyKwh: 4),
        Finished(1, 0, "serve", 3600, capex: 2, energyKwh: 1, wanGb: 2000),
        Finished(2, 1, "train", 5400, capex: 3, energyKwh: 2, wanGb: 300),
        Finished(3, 2, "serve", 1800, capex: 1, energyKwh: 0.5),
        JobOutcome.Rejected(ScenarioBuilder.Job(4, 0, 1, 60), SimTime.FromSeconds(10), new CentreId(2), "no profile") with { WanTransferGb = 100 },
        JobOutcome.Rejected(ScenarioBuilder.Job(5, 0, 99, 60), SimTime.FromSeconds(10), null, "too big"));

    [Fact]
    public void A_job_that_moved_its_data_pays_its_gigabytes_over_1000_times_the_price_per_terabyte()
    {
        var s = SummaryBuilder.Build(ThreeCentres(), Mixed());
        var cost = s.Cost!;

        // 2,000 GB + 300 GB + 100 GB (rejected after it arrived: the data moved) = 2.4 TB x 500 CNY
        Assert.Equal(1200, cost.Total.WanCostCny, 1e-9);
        Assert.Equal(1000, cost.Centres[0].Total.WanCostCny, 1e-9);
        Assert.Equal(150, cost.Centres[1].Total.WanCostCny, 1e-9);
        Assert.Equal(50, cost.Centres[2].Total.WanCostCny, 1e-9);
        Assert.Equal(0, cost.Idle.WanCostCny);
    }

    [Fact]
    public void Classes_and_idle_sum_to_each_centre_centres_and_regions_sum_to_the_total_and_the_headline_is_the_total()
    {
        var s = SummaryBuilder.Build(ThreeCentres(), Mixed());
        var cost = s.Cost!;

        foreach (var c in cost.Centres)
        {
            AssertSame(c.Total, c.Classes.Aggregate(c.Idle, (sum, l) => Plus(sum, l)));
            Assert.True(c.IdleEnergyKwh >= 0, $"{c.Centre}: idle energy {c.IdleEnergyKwh}");
            Assert.True(c.Idle.CapexCny >= 0, $"{c.Centre}: idle capex {c.Idle.CapexCny}");
        }
        AssertSame(cost.Total, cost.Centres.Select(c => c.Total).Aggregate(Plus));
        AssertSame(cost.Total, cost.Regions.Aggregate(Plus));
        AssertSame(cost.Total, cost.Classes.Aggregate(cost.Idle, Plus));
        Assert.Equal(["east", "west"], cost.Regions.Select(r => r.Name));
        Assert.Equal(["serve", "train"], cost.Classes.Select(r => r.Name));
        Assert.Equal(cost.Total.TotalCny, s.CostCny);
        Assert.Equal(cost.Centres.Select(c => c.Total.TotalCny), s.Centres.Select(c => c.CostCny));
        // Delivered by finished jobs only: 1 + 2 + 3 + 4 reference-chip-hours.
        Assert.Equal(10, cost.DeliveredReferenceChipHours);
        Assert.Equal(cost.Total.TotalCny / 10, cost.CnyPerReferenceChipHour, 1e-12);
    }

    [Fact]
    public void The_idle_capex_of_a_centre_is_its_pools_capex_over_the_makespan_less_what_its_jobs_were_charged()
    {
        var s = SummaryBuilder.Build(ThreeCentres(), Mixed());
        var a = s.Cost!.Centres[0];

        // Makespan 7,200 s = 2 h. Centre a: 2 servers x 20 CNY per server-hour x 2 h = 80 CNY; jobs paid 10 + 2.
        Assert.Equal(80, a.Total.CapexCny, 1e-9);
        Assert.Equal(68, a.Idle.CapexCny, 1e-9);
        // Facility energy: installed (16 chips x 100 W + 2 x 1,000 W) x 2 h x 1.25 = 9 kWh + the jobs' above-idle 2.5 kWh;
        // the jobs' own 5 kWh leave 6.5 kWh idle, at 0.5 CNY/kWh.
        Assert.Equal(11.5, a.FacilityEnergyKwh, 1e-9);
        Assert.Equal(6.5, a.IdleEnergyKwh, 1e-9);
        Assert.Equal(3.25, a.Idle.EnergyCostCny, 1e-9);
    }

    [Fact]
    public void Summary_json_has_a_cost_object_whose_centres_classes_and_regions_sum_to_its_total()
    {
        var s = SummaryBuilder.Build(ThreeCentres(), Mixed());
        using var stream = new MemoryStream();
        SummaryJson.Write(stream, s);
        using var doc = JsonDocument.Parse(stream.ToArray());
        var root = doc.RootElement;
        var cost = root.GetProperty("cost");
        double total = cost.GetProperty("totalCny").GetDouble();

        Assert.Equal(total, root.GetProperty("costCny").GetDouble());
        foreach (var field in new[] { "capexCny", "energyCostCny", "wanCostCny", "facilityEnergyKwh", "idleEnergyKwh", "deliveredReferenceChipHours", "cnyPerReferenceChipHour" })
            Assert.True(cost.TryGetProperty(field, out _), field);
        Assert.Equal(total, cost.GetProperty("centres").EnumerateArray().Sum(c => c.GetProperty("totalCny").GetDouble()), 1e-5);
        Assert.Equal(total, cost.GetProperty("regions").EnumerateArray().Sum(c => c.GetProperty("totalCny").GetDouble()), 1e-5);
        Assert.Equal(total, cost.GetProperty("classes").EnumerateArray().Sum(c => c.GetProperty("totalCny").GetDouble())
            + cost.GetProperty("idle").GetProperty("totalCny").GetDouble(), 1e-5);
        foreach (var c in cost.GetProperty("centres").EnumerateArray())
            Assert.Equal(c.GetProperty("totalCny").GetDouble(), c.GetProperty("classes").EnumerateArray().Sum(l => l.GetProperty("totalCny").GetDouble())
                + c.GetProperty("idle").GetProperty("totalCny").GetDouble(), 1e-5);
    }

    [Fact]
    public void Jobs_csv_gives_each_job_its_capex_energy_and_wan_cost_and_a_cost_that_is_their_sum()
    {
        var scenario = ThreeCentres();
        using var stream = new MemoryStream();
        JobsCsv.Write(stream, Mixed().OutcomesInIdOrder(), scenario.Centres, scenario.Wan);
        var lines = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        int Col(string name) { int i = Array.IndexOf(header, name); Assert.True(i >= 0, name); return i; }
        var row = lines[2].Split(',');  // job 1: capex 2, 1 kWh at 0.5, 2,000 GB at 500 CNY/TB

        Assert.Equal("2", row[Col("capex_cny")]);
        Assert.Equal("0.5", row[Col("energy_cost_cny")]);
        Assert.Equal("2000", row[Col("wan_gb")]);
        Assert.Equal("1000", row[Col("wan_cost_cny")]);
        Assert.Equal("1002.5", row[Col("cost_cny")]);
        Assert.Equal("2", row[Col("ref_chip_hours")]);
    }

    private static CostLine Plus(CostLine a, CostLine b) => new(a.Name, a.CapexCny + b.CapexCny, a.EnergyCostCny + b.EnergyCostCny, a.WanCostCny + b.WanCostCny);

    private static void AssertSame(CostLine expected, CostLine actual)
    {
        Assert.Equal(expected.CapexCny, actual.CapexCny, 1e-9);
        Assert.Equal(expected.EnergyCostCny, actual.EnergyCostCny, 1e-9);
        Assert.Equal(expected.WanCostCny, actual.WanCostCny, 1e-9);
        Assert.Equal(expected.TotalCny, actual.TotalCny, 1e-9);
    }
}

public class TimelineCostTests
{
    [Fact]
    public void Servers_in_service_for_part_of_the_run_draw_base_power_and_capex_only_then_at_that_hours_price()
    {
        // One pool of 2 priced servers in service from 01:00 and retired at 02:00; hour 1 costs 0.2 CNY/kWh (flat 0.5 otherwise).
        var hourly = Enumerable.Repeat(0.5, 24).ToArray();
        hourly[1] = 0.2;
        var b = new ScenarioBuilder().WithCentre("a", "east", (CostScenarios.PricedRefServer, 2)).Build();
        var pool = b.Centres[0].Pools[0] with { InServiceFrom = SimTime.FromSeconds(3600), Retirements = [new Model.Topology.ServerRetirement(SimTime.FromSeconds(7200), 2)] };
        var s = b with { Centres = [b.Centres[0] with { Pools = [pool], Tariff = new Model.Topology.TariffSchedule(0.5, [(SimTime.Zero, hourly)]) }] };
        var run = new RunRecorder();
        run.CountSubmitted(1);
        run.AddOutcomes([JobOutcome.Rejected(ScenarioBuilder.Job(0, 0, 1, 60), SimTime.FromSeconds(4 * 3600), new CentreId(0), "test: ends the run at 4 h")]);

        var cost = SummaryBuilder.Build(s, run).Cost!;

        // Base power of one server: 8 chips x idle W + host W; two servers for one hour, x PUE 1.25.
        var server = pool.Server;
        double kwh = 2 * (8 * server.Chip.IdleW + server.HostPowerW) * 1.25 / 1000;
        Assert.Equal(kwh, cost.FacilityEnergyKwh, 9);
        Assert.Equal(kwh * 0.2, cost.Idle.EnergyCostCny, 9);
        Assert.Equal(2 * server.CapexCnyPerServerHour, cost.Idle.CapexCny, 9);
        // The idle draw has carbon too, at the centre's grid factor (0.6 kg/kWh in the builder's centres).
        Assert.Equal(kwh * 0.6, cost.FacilityCarbonKg, 9);
    }
}
