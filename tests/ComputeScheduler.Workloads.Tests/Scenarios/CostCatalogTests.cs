using ComputeScheduler.Testing;
using ComputeScheduler.Workloads.Scenarios;

namespace ComputeScheduler.Workloads.Tests.Scenarios;

public class CostCatalogTests
{
    [Fact]
    public void Every_built_in_server_has_a_sourced_price_and_life_and_every_chip_a_sourced_idle_power_below_its_tdp()
    {
        var catalog = CatalogLoader.Load(RepoPaths.Topology("chips.yaml"), RepoPaths.Topology("servers.yaml"));

        Assert.All(catalog.Servers, s =>
        {
            Assert.True(s.PriceCny > 0, s.Id);
            Assert.InRange(s.LifeYears, 1, 10);
        });
        Assert.All(catalog.Chips, c =>
        {
            Assert.InRange(c.IdleW, 1, c.TdpW);
            Assert.False(string.IsNullOrWhiteSpace(c.Sources["idlePower"]));
        });
        foreach (string line in File.ReadAllLines(RepoPaths.Topology("servers.yaml")).Where(l => l.TrimStart().StartsWith("price:", StringComparison.Ordinal) || l.TrimStart().StartsWith("life:", StringComparison.Ordinal)))
            Assert.True(line.Length > 40, line);
        Assert.Equal(File.ReadAllLines(RepoPaths.Topology("servers.yaml")).Count(l => l.StartsWith("  - id:", StringComparison.Ordinal)),
            File.ReadAllLines(RepoPaths.Topology("servers.yaml")).Count(l => l.TrimStart().StartsWith("price:", StringComparison.Ordinal)));
    }

    [Fact]
    public void Idle_power_is_read_in_watts_or_as_a_share_of_tdp()
    {
        using var watts = new ScenarioFiles();
        var chip = ScenarioLoader.Load(watts.Scenario).Catalog.Chips[0];
        Assert.Equal(100, chip.IdleW);

        using var share = new ScenarioFiles().Replace("mini-chips.yaml", "idleW: 100", "idleFractionOfTdp: 0.3");
        Assert.Equal(150, ScenarioLoader.Load(share.Scenario).Catalog.Chips[0].IdleW, 1e-9);
    }

    [Fact]
    public void Server_price_and_life_are_read_from_the_server_catalog()
    {
        using var files = new ScenarioFiles();
        var server = ScenarioLoader.Load(files.Scenario).Catalog.Servers[0];
        Assert.Equal((876_000.0, 5.0), (server.PriceCny, server.LifeYears));
    }

    [Theory]
    [InlineData("mini-chips.yaml", "    idleW: 100\n", "", "field 'chips[0].idleW': expected idle power in W (or idleFractionOfTdp), got nothing")]
    [InlineData("mini-chips.yaml", "idleW: 100", "idleW: 100\n    idleFractionOfTdp: 0.2", "field 'chips[0].idleFractionOfTdp': expected either idleW or idleFractionOfTdp, not both, got both")]
    [InlineData("mini-chips.yaml", "idleW: 100", "idleW: 501", "field 'chips[0].idleW': expected a number from 0 to 500, got 501")]
    [InlineData("mini-servers.yaml", "    priceCny: 876000\n", "", "field 'servers[0].priceCny': expected a value, got nothing (the field is missing)")]
    [InlineData("mini-servers.yaml", "lifeYears: 5", "lifeYears: 0", "field 'servers[0].lifeYears': expected a number from 0.1 to 50, got 0")]
    [InlineData("mini.yaml", "name: mini\n", "name: mini\nwan:\n  transferCnyPerTb: -1\n", "field 'wan.transferCnyPerTb': expected a number from 0 to 1000000, got -1")]
    public void A_missing_or_out_of_range_cost_figure_is_refused_naming_the_field(string file, string old, string replacement, string message)
    {
        using var files = new ScenarioFiles().Replace(file, old, replacement);
        var e = Assert.Throws<InputException>(() => ScenarioLoader.Load(files.Scenario));
        Assert.Contains(file + ":", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void The_wan_transfer_price_is_read_and_defaults_to_zero()
    {
        using var none = new ScenarioFiles();
        Assert.Equal(0, ScenarioLoader.Load(none.Scenario).Wan.TransferCnyPerTb);
        using var priced = new ScenarioFiles().Replace("mini.yaml", "name: mini\n", "name: mini\nwan:\n  transferCnyPerTb: 500\n");
        Assert.Equal(500, ScenarioLoader.Load(priced.Scenario).Wan.TransferCnyPerTb);
        Assert.Equal(500, ScenarioLoader.Load(RepoPaths.Topology("national-default.yaml")).Wan.TransferCnyPerTb);
    }
}
