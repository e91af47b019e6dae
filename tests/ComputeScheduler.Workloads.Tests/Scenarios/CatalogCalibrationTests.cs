using ComputeScheduler.Testing;
using ComputeScheduler.Workloads.Scenarios;

namespace ComputeScheduler.Workloads.Tests.Scenarios;

/// <summary>The catalog figures issue 17 corrected, and the fields named for their units.</summary>
public class CatalogCalibrationTests
{
    private static readonly Model.Chips.ChipCatalog Catalog = CatalogLoader.Load(RepoPaths.Topology("chips.yaml"), RepoPaths.Topology("servers.yaml"));

    [Fact]
    public void The_A10_is_rated_at_its_dense_tensor_BF16_rate_not_its_non_tensor_FP16_rate()
    {
        Assert.True(Catalog.TryGetChip("nvidia-a10", out var a10));
        Assert.Equal(125, a10.PeakBf16Tflops);
        Assert.Contains("125", a10.Sources["compute"]);
    }

    [Fact]
    public void The_910C_link_counts_both_directions_of_its_392_GBps_unified_bus_like_the_NVLink_figures()
    {
        Assert.True(Catalog.TryGetChip("huawei-ascend-910c", out var c));
        Assert.True(Catalog.TryGetChip("huawei-ascend-910b3", out var b));
        Assert.Equal(2 * 392, c.ScaleUpLinkGBps);
        Assert.Equal(2 * b.ScaleUpLinkGBps, c.ScaleUpLinkGBps);
    }

    [Fact]
    public void A_CloudMatrix_384_super_node_draws_its_reported_559_kW_at_full_power()
    {
        Assert.True(Catalog.TryGetServer("cloudmatrix-384-910c", out var s));
        double superNodeW = s.ScaleUpDomainChips / s.ChipsPerServer * (s.ChipsPerServer * s.Chip.TdpW + s.HostPowerW);
        Assert.InRange(superNodeW, 559_000 * 0.995, 559_000 * 1.005);
    }

    [Fact]
    public void The_MLU370_bridge_joins_4_cards_so_a_server_of_8_holds_two_scale_up_domains()
    {
        Assert.True(Catalog.TryGetServer("mlu370-x8-8", out var s));
        Assert.Equal((8, 4), (s.ChipsPerServer, s.ScaleUpDomainChips));
    }

    [Fact]
    public void PCIe_card_servers_are_PCIe_boxes_of_one_chip_domains_and_the_others_name_their_fabric()
    {
        foreach (string id in new[] { "pcie-l20-8", "k100-ai-8", "rg800-8", "mtt-s4000-8", "mxc500-oam-8" })
        {
            Assert.True(Catalog.TryGetServer(id, out var s));
            Assert.Equal(("pcie", 1), (s.ScaleUpFabric, s.ScaleUpDomainChips));
        }
        Assert.All(Catalog.Servers, s => Assert.NotEqual("unspecified", s.ScaleUpFabric));
        Assert.True(Catalog.TryGetServer("mlu370-x8-8", out var mlu));
        Assert.Equal(("mlu-link", 64.0), (mlu.ScaleUpFabric, mlu.PcieGBpsPerChip));
    }

    [Theory]
    [InlineData("scaleUpDomainChips: 8", "scaleUpDomainChips: 8\n    scaleUpFabric: pcie", "field 'servers[0].scaleUpDomainChips': expected 1 for a server whose scaleUpFabric is pcie")]
    [InlineData("scaleUpDomainChips: 8", "scaleUpDomainChips: 4\n    scaleUpFabric: nvlink", "field 'servers[0].pcieGBpsPerChip': expected the PCIe bandwidth per chip between the server's scale-up domains of 4 chips (GB/s), got nothing")]
    public void A_PCIe_box_with_a_domain_of_several_chips_or_a_bridge_without_its_PCIe_figure_is_refused(string old, string replacement, string message)
    {
        using var files = new ScenarioFiles().Replace("mini-servers.yaml", old, replacement);
        var e = Assert.Throws<InputException>(() => ScenarioLoader.Load(files.Scenario));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("memoryGb: 80", "memoryGib: 80", "field 'chips[0].memoryGib': expected 'memoryGb' (memory in GB (1e9 bytes)): the field was renamed to say its unit, got the old name 'memoryGib'")]
    [InlineData("memoryBandwidthTBps: 1", "memoryBandwidthTbps: 1", "field 'chips[0].memoryBandwidthTbps': expected 'memoryBandwidthTBps' (memory bandwidth in TB/s (1e12 bytes a second)): the field was renamed to say its unit, got the old name 'memoryBandwidthTbps'")]
    public void A_chip_field_under_its_old_unit_less_name_is_refused_naming_the_new_field(string now, string old, string message)
    {
        using var files = new ScenarioFiles().Replace("mini-chips.yaml", now, old);
        var e = Assert.Throws<InputException>(() => ScenarioLoader.Load(files.Scenario));
        Assert.Contains("mini-chips.yaml:" + files.LineOf("mini-chips.yaml", old) + ":", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("scaleUpDomainChips: 8", "scaleUpDomainChips: 3", "field 'servers[0].scaleUpDomainChips': expected a divisor or a multiple of chipsPerServer (8), got 3")]
    [InlineData("scaleUpDomainChips: 8", "scaleUpDomainChips: 12", "field 'servers[0].scaleUpDomainChips': expected a divisor or a multiple of chipsPerServer (8), got 12")]
    public void A_scale_up_domain_that_neither_divides_nor_is_a_multiple_of_the_server_is_refused(string old, string replacement, string message)
    {
        using var files = new ScenarioFiles().Replace("mini-servers.yaml", old, replacement);
        var e = Assert.Throws<InputException>(() => ScenarioLoader.Load(files.Scenario));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("      memoryPerChipGb: 80\n      memorySource: test\n", 80)]
    [InlineData("      memory: { modelGb: 160, shardedOverChips: 4 }\n      memorySource: test\n", 40)]
    [InlineData("", 0)]
    public void A_job_class_gives_its_memory_per_chip_directly_or_as_model_size_over_its_shards(string lines, double perChipGb)
    {
        using var files = new ScenarioFiles().Replace("mini.yaml", "      communicationShare: 0.5\n", "      communicationShare: 0.5\n" + lines);
        var performance = ScenarioLoader.Load(files.Scenario).Performance;
        Assert.Equal(perChipGb, performance.Classes[0].MemoryPerChipGb);
        Assert.Equal(perChipGb, performance.MemoryPerChipGb("train"));
    }

    [Theory]
    [InlineData("      memoryPerChipGb: 80\n", "field 'performance.classes[0].memorySource': expected a value, got nothing (the field is missing)")]
    [InlineData("      memoryPerChipGb: 80\n      memory: { modelGb: 1, shardedOverChips: 1 }\n      memorySource: x\n", "field 'performance.classes[0].memory': expected either memoryPerChipGb or memory, not both, got both")]
    [InlineData("      memory: { modelGb: 160, shardedOverChips: 0 }\n      memorySource: x\n", "field 'performance.classes[0].memory.shardedOverChips': expected a whole number from 1 to 1000000, got 0")]
    public void A_class_memory_figure_without_a_source_or_given_twice_or_over_no_chips_is_refused(string lines, string message)
    {
        using var files = new ScenarioFiles().Replace("mini.yaml", "      communicationShare: 0.5\n", "      communicationShare: 0.5\n" + lines);
        var e = Assert.Throws<InputException>(() => ScenarioLoader.Load(files.Scenario));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_centre_s_operating_PUE_is_the_one_energy_uses_and_its_design_target_is_kept_apart()
    {
        using var plain = new ScenarioFiles();
        var design = ScenarioLoader.Load(plain.Scenario).Centres[0];
        Assert.Equal((1.2, 1.2), (design.Pue, design.DesignPue));

        using var operating = new ScenarioFiles().Replace("mini.yaml", "    pue: 1.2\n", "    pue: 1.2\n    operatingPue: 1.49\n")
            .Replace("mini.yaml", "pue: test,", "pue: test, operatingPue: test,");
        var centre = ScenarioLoader.Load(operating.Scenario).Centres[0];
        Assert.Equal((1.49, 1.2), (centre.Pue, centre.DesignPue));

        using var unsourced = new ScenarioFiles().Replace("mini.yaml", "    pue: 1.2\n", "    pue: 1.2\n    operatingPue: 1.49\n");
        Assert.Contains("field 'centres[0].sources.operatingPue': expected a value", Assert.Throws<InputException>(() => ScenarioLoader.Load(unsourced.Scenario)).Message);
    }

    [Fact]
    public void Class_chip_use_and_host_idle_share_are_read_with_their_sources_and_default_to_full_power()
    {
        using var plain = new ScenarioFiles();
        var s = ScenarioLoader.Load(plain.Scenario);
        Assert.Equal((1.0, 1.0), (s.Performance.Classes[0].ChipUtilisation, s.Catalog.Servers[0].HostIdleFraction));

        using var files = new ScenarioFiles()
            .Replace("mini.yaml", "      communicationShare: 0.5\n", "      communicationShare: 0.5\n      chipUtilisation: 0.65\n      utilisationSource: test\n")
            .Replace("mini-servers.yaml", "    hostPowerW: 1000\n", "    hostPowerW: 1000\n    hostIdleFraction: 0.5\n");
        var t = ScenarioLoader.Load(files.Scenario);
        Assert.Equal((0.65, 0.5, 500.0), (t.Performance.Classes[0].ChipUtilisation, t.Catalog.Servers[0].HostIdleFraction, t.Catalog.Servers[0].HostIdleW));
        Assert.Equal(8 * 100 + 500, t.Centres[0].Pools[0].BaseWPerServer); // chips idle at 100 W + the host's idle half
    }

    [Fact]
    public void Every_built_in_server_has_a_sourced_host_idle_share_and_every_default_centre_a_sourced_operating_PUE_above_its_design_target()
    {
        Assert.All(Catalog.Servers, s => Assert.Equal(0.5, s.HostIdleFraction));
        var scenario = ScenarioLoader.Load(RepoPaths.Topology("national-default.yaml"));
        Assert.All(scenario.Centres, c => Assert.True(c.Pue > c.DesignPue, c.Key));
        Assert.All(scenario.Performance.Classes, c => Assert.InRange(c.ChipUtilisation, 0.01, 0.99));
    }

    [Theory]
    [InlineData("national-default.yaml")]
    [InlineData("growth-2027.yaml")]
    [InlineData("export-shock.yaml")]
    [InlineData("national-large.yaml")]
    public void No_two_centres_and_no_centre_and_demand_region_share_a_point_of_the_map(string scenario)
    {
        var s = ScenarioLoader.Load(RepoPaths.Topology(scenario));
        var points = s.Centres.Select(c => (c.Key, c.LatDeg, c.LonDeg))
            .Concat(s.DemandRegions.Select(d => ("demand " + d.Key, d.LatDeg, d.LonDeg))).ToList();
        var shared = points.GroupBy(p => (p.LatDeg, p.LonDeg)).Where(g => g.Count() > 1).Select(g => string.Join(" = ", g.Select(p => p.Item1))).ToList();
        Assert.Empty(shared);
    }
}
