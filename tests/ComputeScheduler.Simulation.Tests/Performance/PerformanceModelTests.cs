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
