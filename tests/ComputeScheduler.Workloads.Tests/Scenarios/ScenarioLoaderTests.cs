using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Workloads.Scenarios;

namespace ComputeScheduler.Workloads.Tests.Scenarios;

public class ScenarioLoaderTests
{
    [Fact]
    public void The_mini_scenario_loads_with_its_catalog_centres_and_workload()
    {
        using var files = new ScenarioFiles();
        var s = ScenarioLoader.Load(files.Scenario);

        Assert.Equal("mini", s.Name);
        Assert.Equal(3, s.Seed);
        var centre = Assert.Single(s.Centres);
        Assert.Equal(32, centre.TotalChips);
        Assert.Equal("ref-gpu", centre.Pools[0].Chip.Id);
        Assert.Equal(60, s.Simulation.DispatchInterval.TotalSeconds);
        Assert.Equal(JobKind.Training, s.Workload.Classes[0].Kind);
        Assert.Equal(3, s.SourceFiles.Count);
    }

    [Fact]
    public void Malformed_yaml_names_the_file_and_line()
    {
        using var files = new ScenarioFiles().Replace("mini.yaml", "  placement: best-fit", "  placement: [best-fit");
        var e = Assert.Throws<InputException>(() => ScenarioLoader.Load(files.Scenario));

        Assert.StartsWith(files.Scenario + ":", e.Message);
        Assert.Contains("malformed YAML", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void An_unknown_server_model_names_file_line_field_and_the_known_ones()
    {
        using var files = new ScenarioFiles().Replace("mini.yaml", "server: ref-8", "server: h999-8");
        var e = Assert.Throws<InputException>(() => ScenarioLoader.Load(files.Scenario));

        int line = files.LineOf("mini.yaml", "server: h999-8");
        Assert.Equal($"{files.Scenario}:{line}: field 'centres[0].pools[0].server': expected a server id of the catalog (ref-8), got unknown server model 'h999-8'", e.Message);
    }

    [Fact]
    public void An_unknown_chip_model_in_the_server_catalog_is_reported_in_that_file()
    {
        using var files = new ScenarioFiles().Replace("mini-servers.yaml", "chip: ref-gpu", "chip: ascend-999");
        var e = Assert.Throws<InputException>(() => ScenarioLoader.Load(files.Scenario));

        Assert.Contains("mini-servers.yaml:3: field 'servers[0].chip'", e.Message);
        Assert.Contains("unknown chip model 'ascend-999'", e.Message);
    }

    [Fact]
    public void A_negative_server_count_is_refused()
    {
        using var files = new ScenarioFiles().Replace("mini.yaml", "count: 4", "count: -4");
        var e = Assert.Throws<InputException>(() => ScenarioLoader.Load(files.Scenario));

        int line = files.LineOf("mini.yaml", "count: -4");
        Assert.Equal($"{files.Scenario}:{line}: field 'centres[0].pools[0].count': expected a whole number from 1 to 1000000, got -4", e.Message);
    }

    [Fact]
    public void A_negative_chip_count_in_the_workload_is_refused()
    {
        using var files = new ScenarioFiles().Replace("mini.yaml", "minChips: 1", "minChips: -2");
        var e = Assert.Throws<InputException>(() => ScenarioLoader.Load(files.Scenario));

        Assert.Contains("field 'workload.classes[0].minChips': expected a whole number from 1 to 1048576, got -2", e.Message);
    }

    [Fact]
    public void A_policy_name_the_check_refuses_is_reported_at_its_line()
    {
        using var files = new ScenarioFiles().Replace("mini.yaml", "placement: best-fit", "placement: tetris");
        var e = Assert.Throws<InputException>(() => ScenarioLoader.Load(files.Scenario, (point, name) => name == "tetris" ? "a known placement policy (best-fit, first-fit)" : null));

        int line = files.LineOf("mini.yaml", "placement: tetris");
        Assert.Equal($"{files.Scenario}:{line}: field 'policies.placement': expected a known placement policy (best-fit, first-fit), got 'tetris'", e.Message);
    }

    [Fact]
    public void Tenant_weights_are_read_from_the_policies_section()
    {
        using var files = new ScenarioFiles().Replace("mini.yaml", "  placement: best-fit", "  placement: best-fit\n  tenantWeights:\n    0: 3\n    7: 0.5");
        var weights = ScenarioLoader.Load(files.Scenario).Policies.TenantWeights;

        Assert.Equal(new Dictionary<int, double> { [0] = 3, [7] = 0.5 }, weights);
    }

    [Theory]
    [InlineData("    gold: 3", "expected tenant ids (whole numbers from 0 to 2147483647) as keys, each with a weight above 0, got key 'gold'")]
    [InlineData("    0: 0", "field 'policies.tenantWeights.0': expected a number from 0.001 to 1000000, got 0")]
    public void A_bad_tenant_weight_names_the_field_and_what_was_expected(string entry, string message)
    {
        using var files = new ScenarioFiles().Replace("mini.yaml", "  placement: best-fit", "  placement: best-fit\n  tenantWeights:\n" + entry);
        var e = Assert.Throws<InputException>(() => ScenarioLoader.Load(files.Scenario));

        Assert.StartsWith(files.Scenario + ":", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Tiresias_settings_are_the_authors_simulators_unless_the_policies_section_says_otherwise()
    {
        using var plain = new ScenarioFiles();
        Assert.Equal(TiresiasSettings.Default, ScenarioLoader.Load(plain.Scenario).Policies.Tiresias);

        using var files = new ScenarioFiles().Replace("mini.yaml", "  placement: best-fit",
            "  placement: best-fit\n  tiresias:\n    queueThresholdsChipS: [3600]\n    preempted: back\n    gittinsOrder: on-join\n    gittinsDistribution: observed\n    demotionReview: simulator");
        var t = ScenarioLoader.Load(files.Scenario).Policies.Tiresias;

        Assert.Equal([3600.0], t.QueueThresholdsChipS);
        Assert.Equal(TiresiasPreempted.Back, t.Preempted);
        Assert.Equal(TiresiasGittinsOrder.OnJoin, t.GittinsOrder);
        Assert.Equal(TiresiasGittinsDistribution.Observed, t.GittinsDistribution);
        Assert.Equal(TiresiasDemotionReview.Simulator, t.DemotionReview);
    }

    [Fact]
    public void A_misspelt_field_is_not_silently_ignored()
    {
        using var files = new ScenarioFiles().Replace("mini.yaml", "oversubscription: 1", "oversubscribtion: 1");
        var e = Assert.Throws<InputException>(() => ScenarioLoader.Load(files.Scenario));

        Assert.Contains("field 'centres[0].oversubscription': expected a value, got nothing (the field is missing)", e.Message);
    }

    [Fact]
    public void An_extra_unknown_field_is_reported()
    {
        using var files = new ScenarioFiles().Replace("mini.yaml", "  tenants: 5", "  tenants: 5\n  colour: blue");
        var e = Assert.Throws<InputException>(() => ScenarioLoader.Load(files.Scenario));

        Assert.Contains("field 'workload.colour'", e.Message);
        Assert.Contains("unknown field 'colour'", e.Message);
    }

    [Fact]
    public void A_missing_scenario_file_is_named()
    {
        var e = Assert.Throws<InputException>(() => ScenarioLoader.Load("/nonexistent/x.yaml"));
        Assert.Equal("/nonexistent/x.yaml: scenario not found (no such file)", e.Message);
    }

    [Fact]
    public void A_text_where_a_number_belongs_is_refused()
    {
        using var files = new ScenarioFiles().Replace("mini.yaml", "pue: 1.2", "pue: low");
        var e = Assert.Throws<InputException>(() => ScenarioLoader.Load(files.Scenario));
        Assert.Contains("field 'centres[0].pue': expected a number from 1 to 5, got 'low'", e.Message);
    }

    private const string CentreEnd = "      - server: ref-8\n        count: 4\n";

    /// <summary>The mini scenario with a second centre, "beta" (west), after "alpha".</summary>
    private static ScenarioFiles TwoCentres()
        => new ScenarioFiles().Replace("mini.yaml", CentreEnd, CentreEnd + """
              - id: beta
                name: Beta
                hub: Test hub
                region: west
                latDeg: 38
                lonDeg: 106
                pue: 1.2
                priceCnyPerKwh: 0.3
                carbonKgPerKwh: 0.6
                fabricGBpsPerChip: 50
                oversubscription: 1
                serversPerRack: 4
                sources: { location: test, pue: test, price: test, carbon: test }
                pools:
                  - server: ref-8
                    count: 4

            """);

    [Fact]
    public void Carbon_profiles_give_a_region_a_named_shape_or_24_factors_and_other_regions_stay_flat()
    {
        using var files = TwoCentres().Replace("mini.yaml", "demandRegions:", """
            carbonProfiles:
              - { region: west, hourlyFactors: [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], source: test }
            demandRegions:
            """);
        var s = ScenarioLoader.Load(files.Scenario);

        Assert.Null(s.Centres[0].CarbonHourly);
        Assert.Equal(0.6 * 0.5, s.Centres[1].CarbonKgPerKwhAt(Model.Time.SimTime.FromSeconds(13 * 3600)), 12);

        using var shaped = TwoCentres().Replace("mini.yaml", "demandRegions:", "carbonProfiles:\n  - { region: east, shape: solar-dip, source: assumption }\ndemandRegions:");
        var dip = ScenarioLoader.Load(shaped.Scenario).Centres[0].CarbonHourly;
        Assert.NotNull(dip);
        Assert.Equal(dip.Factors.Min(), dip.Factors[12]);
    }

    [Theory]
    [InlineData("{ region: north, shape: flat, source: x }", "field 'carbonProfiles[0].region': expected a region of some centre (east, west), got 'north'")]
    [InlineData("{ region: west, shape: moonlight, source: x }", "field 'carbonProfiles[0].shape': expected a named shape (flat, solar-dip), got 'moonlight'")]
    [InlineData("{ region: west, hourlyFactors: [1, 2], source: x }", "field 'carbonProfiles[0].hourlyFactors': expected 24 numbers, hour 0 first, got 2")]
    [InlineData("{ region: west, source: x }", "field 'carbonProfiles[0].hourlyFactors': expected a 'shape' or 24 'hourlyFactors', got neither")]
    public void A_bad_carbon_profile_is_refused_with_its_field(string entry, string message)
    {
        using var files = TwoCentres().Replace("mini.yaml", "demandRegions:", $"carbonProfiles:\n  - {entry}\ndemandRegions:");
        var e = Assert.Throws<InputException>(() => ScenarioLoader.Load(files.Scenario));
        Assert.EndsWith(message, e.Message);
    }

    [Fact]
    public void Wan_links_override_the_default_bandwidth_for_a_pair_of_centres_either_way()
    {
        using var files = TwoCentres().Replace("mini.yaml", "performance:", """
            wan:
              linkGbps: 400
              links:
                - { from: beta, to: alpha, gbps: 100, source: test }
            performance:
            """);
        var wan = ScenarioLoader.Load(files.Scenario).Wan;

        Assert.Equal(100, wan.GbpsBetween("alpha", "beta"));
        Assert.Equal(100, wan.GbpsBetween("beta", "alpha"));
        Assert.Equal(400, wan.GbpsBetween("alpha", "gamma"));

        using var bad = TwoCentres().Replace("mini.yaml", "performance:", "wan:\n  links:\n    - { from: beta, to: gamma, gbps: 100, source: test }\nperformance:");
        var e = Assert.Throws<InputException>(() => ScenarioLoader.Load(bad.Scenario));
        Assert.EndsWith("field 'wan.links[0].to': expected a centre id (alpha, beta), got 'gamma'", e.Message);
    }

    [Fact]
    public void A_workload_class_may_be_delay_tolerant_but_then_needs_its_maximum_delay()
    {
        using var files = new ScenarioFiles().Replace("mini.yaml", "      restrictedDataShare: 0.5", "      restrictedDataShare: 0.5\n      delayTolerantShare: 0.3\n      maxDelayHours: 8\n      dataAtCentreShare: 0.2");
        var c = ScenarioLoader.Load(files.Scenario).Workload.Classes[0];
        Assert.Equal((0.3, 8.0, 0.2), (c.DelayTolerantShare, c.MaxDelayHours, c.DataAtCentreShare));

        using var missing = new ScenarioFiles().Replace("mini.yaml", "      restrictedDataShare: 0.5", "      restrictedDataShare: 0.5\n      delayTolerantShare: 0.3");
        var e = Assert.Throws<InputException>(() => ScenarioLoader.Load(missing.Scenario));
        Assert.Contains("field 'workload.classes[0].maxDelayHours'", e.Message);
    }
}
