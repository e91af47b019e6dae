using ComputeScheduler.Model.Jobs;
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
        Assert.Equal($"{files.Scenario}:{line}: field 'centres[0].pools[0].count': expected a number from 1 to 1000000, got -4", e.Message);
    }

    [Fact]
    public void A_negative_chip_count_in_the_workload_is_refused()
    {
        using var files = new ScenarioFiles().Replace("mini.yaml", "minChips: 1", "minChips: -2");
        var e = Assert.Throws<InputException>(() => ScenarioLoader.Load(files.Scenario));

        Assert.Contains("field 'workload.classes[0].minChips': expected a number from 1 to 1000000, got -2", e.Message);
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
        Assert.Contains("field 'centres[0].pue': expected a number, got 'low'", e.Message);
    }
}
