using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Performance;
using ComputeScheduler.Simulation.Results;
using ComputeScheduler.Testing;
using static ComputeScheduler.Testing.ScenarioBuilder;

namespace ComputeScheduler.Simulation.Tests.Performance;

public class PerformanceModelTests
{
    // Centre of the builder: PUE 1.25, 0.5 CNY/kWh, 0.6 kgCO2/kWh, fabric 50 GB/s per chip, oversubscription 2.
    // Class "train": loss 0.1 per doubling, communication share 0.5; reference fabric 50 GB/s.

    [Fact]
    public void A_16_chip_job_in_one_rack_runs_energy_and_costs_as_computed_by_hand()
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", serversPerRack: 4, (RefServer, 2)).Build();
        // work = 3600 s x 16 chips = 57,600 reference chip-seconds
        // eff(16) = 1 / (1 + 0.1 x log2 16) = 1 / 1.4;  comm(rack) = 1 / (1 + 0.5 x 50/50) = 2/3
        // runtime = 57,600 / (16 x 1.0 x 1/1.4 x 2/3) = 3600 x 1.4 x 1.5 = 7,560 s
        // energy = (16 x 500 W + 16/8 x 1,000 W) x 2.1 h x 1.25 = 10 kW x 2.1 h x 1.25 = 26.25 kWh
        // cost = 26.25 x 0.5 = 13.125 CNY; carbon = 26.25 x 0.6 = 15.75 kg
        var (outcomes, _, _) = EngineHarness.Run(scenario, [Job(0, 0, 16, 3600)]);

        var job = Assert.Single(outcomes);
        Assert.Equal(JobStatus.Finished, job.Status);
        Assert.Equal(Locality.Rack, job.Locality);
        Assert.Equal(7560.0, job.End.TotalSeconds, 6);
        Assert.Equal(26.25, job.EnergyKwh, 9);
        Assert.Equal(13.125, job.CostCny, 9);
        Assert.Equal(15.75, job.CarbonKg, 9);
    }

    [Fact]
    public void A_PCIe_box_pays_a_communication_penalty_that_an_NVLink_box_of_the_same_chips_does_not()
    {
        // Same chips (the reference GPU, 400 GB/s scale-up link = the reference's), one 8-chip job in one server.
        // NVLink box: c = max(0, 50/400 - 50/400) = 0: runtime = 3600 x eff(8) = 3600 x 1.3 = 4,680 s.
        // PCIe box (PCIe 4.0 x16, 64 GB/s a chip): c = 50/64 - 50/400 = 0.65625; comm = 1 / (1 + 0.5 x 0.65625)
        // runtime = 4,680 x 1.328125 = 6,215.625 s.
        var pcie = RefServer with { Id = "ref-8-pcie", ScaleUpDomainChips = 1, ScaleUpFabric = "pcie", PcieGBpsPerChip = 64 };
        var nvlink = RefServer with { ScaleUpFabric = "nvlink" };

        var (onNvlink, _, _) = EngineHarness.Run(new ScenarioBuilder().WithCentre("c", "r", (nvlink, 1)).Build(), [Job(0, 0, 8, 3600)]);
        var (onPcie, _, _) = EngineHarness.Run(new ScenarioBuilder().WithCentre("c", "r", (pcie, 1)).Build(), [Job(0, 0, 8, 3600)]);

        Assert.Equal((Locality.ScaleUpDomain, Locality.ScaleUpDomain), (Assert.Single(onNvlink).Locality, Assert.Single(onPcie).Locality));
        Assert.Equal(4680.0, onNvlink[0].End.TotalSeconds, 6);
        Assert.Equal(6215.625, onPcie[0].End.TotalSeconds, 5); // end times are whole microseconds
        // A one-chip job does not communicate: the same on both.
        var (oneNvlink, _, _) = EngineHarness.Run(new ScenarioBuilder().WithCentre("c", "r", (nvlink, 1)).Build(), [Job(0, 0, 1, 3600)]);
        var (onePcie, _, _) = EngineHarness.Run(new ScenarioBuilder().WithCentre("c", "r", (pcie, 1)).Build(), [Job(0, 0, 1, 3600)]);
        Assert.Equal(oneNvlink[0].End, onePcie[0].End);
    }

    [Fact]
    public void A_job_larger_than_its_bridge_domain_talks_over_PCIe_and_a_slower_scale_up_link_than_the_reference_pays_its_difference()
    {
        var model = new PerformanceModel(new ScenarioBuilder().Build().Performance, new ScenarioBuilder().Build().Catalog,
            new ScenarioBuilder().WithCentre("c", "r", (RefServer with { Id = "bridge-4", ScaleUpDomainChips = 4, ScaleUpFabric = "bridge", PcieGBpsPerChip = 64, Chip = RefGpu with { ScaleUpLinkGBps = 200 } }, 1)).Build().Centres[0]);
        // 4 chips on the 200 GB/s bridge: c = 50/200 - 50/400 = 0.125; 8 chips cross it over PCIe: c = 50/64 - 50/400 = 0.65625.
        Assert.Equal(1 / (1 + 0.5 * 0.125), model.CommunicationFactor(0, 0, 4, Locality.ScaleUpDomain), 12);
        Assert.Equal(1 / (1 + 0.5 * 0.65625), model.CommunicationFactor(0, 0, 8, Locality.ScaleUpDomain), 12);
        Assert.Equal(1, model.CommunicationFactor(0, 0, 1, Locality.ScaleUpDomain));
    }

    [Fact]
    public void A_chip_at_50_percent_use_draws_half_way_between_idle_and_TDP_as_the_linear_curve_says()
    {
        var chip = RefGpu with { IdleW = 100 }; // TDP 500 W
        Assert.Equal(300, PerformanceModel.ChipPowerW(chip, 0.5), 12);
        Assert.Equal(100, PerformanceModel.ChipPowerW(chip, 0), 12);
        Assert.Equal(500, PerformanceModel.ChipPowerW(chip, 1), 12);
        Assert.InRange(PerformanceModel.ChipPowerW(chip, 0.5), chip.IdleW, chip.TdpW);
        var server = RefServer with { HostIdleFraction = 0.5 }; // host 1,000 W, 500 W idle
        Assert.Equal(750, PerformanceModel.HostPowerW(server, 0.5), 12);
    }

    [Fact]
    public void A_job_of_a_class_using_its_chips_at_50_percent_is_charged_the_curve_s_power_not_TDP()
    {
        // 8 chips (idle 100 W, TDP 500 W) at u = 0.5: 300 W each; host (1,000 W, half idle): 750 W. Runtime 3600 x 1.3 = 4,680 s = 1.3 h.
        // energy = (8 x 300 + 750) W x 1.3 h x PUE 1.25 = 5.11875 kWh; above idle = (8 x 200 + 250) W x 1.3 h x 1.25 = 3.00625 kWh.
        var server = RefServer with { Chip = RefGpu with { IdleW = 100 }, HostIdleFraction = 0.5 };
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (server, 1)).Build();
        scenario = scenario with
        {
            Performance = scenario.Performance with { Classes = [.. scenario.Performance.Classes.Select(c => c with { ChipUtilisation = 0.5 })] },
        };

        var (outcomes, _, _) = EngineHarness.Run(scenario, [Job(0, 0, 8, 3600)]);

        var job = Assert.Single(outcomes);
        Assert.Equal(4680.0, job.End.TotalSeconds, 6);
        Assert.Equal(5.11875, job.EnergyKwh, 9);
        Assert.Equal(3.00625, job.AboveIdleEnergyKwh, 9);
    }

    [Fact]
    public void Across_the_fabric_the_oversubscription_slows_communication()
    {
        // One server per rack: 2 servers are 2 racks. comm(fabric) = 1 / (1 + 0.5 x 2 x 50/50) = 1/2
        // runtime = 3600 x 1.4 x 2 = 10,080 s
        var scenario = new ScenarioBuilder().WithCentre("c", "r", serversPerRack: 1, (RefServer, 2)).Build();
        var (outcomes, _, _) = EngineHarness.Run(scenario, [Job(0, 0, 16, 3600)]);

        Assert.Equal(Locality.Fabric, outcomes[0].Locality);
        Assert.Equal(10_080.0, outcomes[0].End.TotalSeconds, 6);
    }

    [Fact]
    public void Throughput_follows_peak_tflops_times_stack_efficiency_or_memory_bandwidth()
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (RefServer, 1), (DomServer, 1)).Build();
        var model = new PerformanceModel(scenario.Performance, scenario.Catalog, scenario.Centres[0]);
        Assert.True(model.TryGetClass("train", out int train));
        Assert.True(model.TryGetClass("serve", out int serve));

        Assert.Equal(1.0, model.Throughput(train, 0), 12);        // the reference chip
        Assert.Equal(50.0 / 100 * 0.8, model.Throughput(train, 1), 12); // TFLOPS ratio x cann 0.8
        Assert.Equal(0.5 / 1.0 * 0.8, model.Throughput(serve, 1), 12);  // memory-bound: bandwidth ratio x 0.8
    }

    [Fact]
    public void A_measured_throughput_override_replaces_the_derived_one()
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (DomServer, 1)).Build();
        var settings = scenario.Performance with { ThroughputOverrides = new Dictionary<(string, string), double> { [("train", "dom-npu")] = 0.65 } };
        var model = new PerformanceModel(settings, scenario.Catalog, scenario.Centres[0]);
        model.TryGetClass("train", out int train);

        Assert.Equal(0.65, model.Throughput(train, 0), 12);
    }

    [Fact]
    public void An_observed_runtime_replays_as_it_is_on_its_own_chip_and_scales_on_another()
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (DomServer, 1), (RefServer, 1)).Build();
        // Observed 1,000 s on dom-npu. On dom-npu: 1,000 s whatever the locality. On ref-gpu, 2.5x faster
        // for "train" (dom-npu = 50/100 TFLOPS x cann 0.8 = 0.4 of ref-gpu): 1,000 x 0.4 / 1.0 = 400 s.
        var onDom = Job(0, 0, 8, 1) with { ObservedRuntimeS = 1000, ObservedChipModel = "dom-npu", SoftwareStack = "cann" };
        var onRef = Job(1, 0, 8, 1) with { ObservedRuntimeS = 1000, ObservedChipModel = "dom-npu", SoftwareStack = "cuda" };

        var (o, _, _) = EngineHarness.Run(scenario, [onDom, onRef]);

        Assert.Equal(1000, (o[0].End - o[0].Start).TotalSeconds, 6);
        Assert.Equal(400, (o[1].End - o[1].Start).TotalSeconds, 6);
    }
}
