using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Workloads.Scenarios;

namespace ComputeScheduler.Workloads.Tests.Scenarios;

/// <summary>Pathological and out-of-range scenario input: one line naming file, line and field, and what is allowed.</summary>
public class ScenarioInputLimitTests
{
    private static InputException Refused(ScenarioFiles files)
    {
        var e = Assert.Throws<InputException>(() => ScenarioLoader.Load(files.Scenario));
        Assert.DoesNotContain("\n", e.Message);
        Assert.DoesNotContain("\r", e.Message);
        return e;
    }

    private static string Brackets(int depth) => new string('[', depth) + new string(']', depth);

    [Fact]
    public void A_scenario_nested_50000_levels_deep_is_refused_at_the_line_where_it_passes_64_levels()
    {
        using var files = new ScenarioFiles();
        File.WriteAllText(files.Scenario, "name: deep\nseed: 1\nnotes: " + Brackets(50_000) + "\n");

        var e = Refused(files);

        Assert.Equal($"{files.Scenario}:3: malformed YAML at column 71: mappings and lists nested more than 64 levels deep (scenario and catalog files need far fewer; check brackets and indentation)", e.Message);
    }

    [Fact]
    public void A_scenario_indented_2000_levels_deep_is_refused_at_the_line_of_level_65()
    {
        using var files = new ScenarioFiles();
        File.WriteAllText(files.Scenario, string.Concat(Enumerable.Range(0, 2_000).Select(i => new string(' ', i) + "a:\n")));

        var e = Refused(files);

        Assert.StartsWith($"{files.Scenario}:65: malformed YAML", e.Message);
        Assert.Contains("nested more than 64 levels deep", e.Message);
    }

    [Theory]
    [InlineData("mini-chips.yaml")]
    [InlineData("mini-servers.yaml")]
    public void A_catalog_nested_too_deep_is_refused_naming_the_catalog_file(string catalog)
    {
        using var files = new ScenarioFiles();
        File.AppendAllText(Path.Combine(files.Folder, catalog), "deep: " + Brackets(100_000) + "\n");
        int line = File.ReadAllLines(Path.Combine(files.Folder, catalog)).Length;

        var e = Refused(files);

        Assert.StartsWith($"{Path.Combine(files.Folder, catalog)}:{line}: malformed YAML", e.Message);
        Assert.Contains("nested more than 64 levels deep", e.Message);
    }

    [Fact]
    public void Nesting_of_exactly_64_levels_passes_the_depth_check_and_is_judged_as_a_field()
    {
        // The document mapping is level 1; 63 lists inside it make 64.
        using var files = new ScenarioFiles().Replace("mini.yaml", "seed: 3", "seed: 3\nnotes: " + Brackets(63));
        Assert.Contains("unknown field 'notes'", Refused(files).Message);

        using var deeper = new ScenarioFiles().Replace("mini.yaml", "seed: 3", "seed: 3\nnotes: " + Brackets(64));
        Assert.Contains("nested more than 64 levels deep", Refused(deeper).Message);
    }

    [Theory]
    [InlineData("minChips: 1", "minChips: 300", "minChips': expected a power of two from 1 to 1048576 (1, 2, 4, 8, ...), got 300")]
    [InlineData("maxChips: 16", "maxChips: 12", "maxChips': expected a power of two from 1 to 1048576 (1, 2, 4, 8, ...), got 12")]
    [InlineData("maxChips: 16", "maxChips: 2097152", "maxChips': expected a whole number from 1 to 1048576, got 2097152")]
    public void A_job_size_that_is_not_a_power_of_two_is_refused_naming_file_line_and_field(string old, string replacement, string message)
    {
        using var files = new ScenarioFiles().Replace("mini.yaml", old, replacement);
        int line = files.LineOf("mini.yaml", replacement);

        Assert.Equal($"{files.Scenario}:{line}: field 'workload.classes[0].{message}", Refused(files).Message);
    }

    [Fact]
    public void Job_sizes_that_are_powers_of_two_load()
    {
        using var files = new ScenarioFiles().Replace("mini.yaml", "minChips: 1", "minChips: 2").Replace("mini.yaml", "maxChips: 16", "maxChips: 1048576");
        var c = ScenarioLoader.Load(files.Scenario).Workload.Classes[0];
        Assert.Equal((2, 1048576), (c.MinChips, c.MaxChips));
    }

    [Theory]
    [InlineData("dispatchIntervalS: 0")]
    [InlineData("dispatchIntervalS: 0.000001")]
    [InlineData("dispatchIntervalS: 0.5")]
    public void A_dispatch_interval_below_one_second_is_refused(string replacement)
    {
        using var files = new ScenarioFiles().Replace("mini.yaml", "dispatchIntervalS: 60", replacement);
        int line = files.LineOf("mini.yaml", replacement);

        Assert.Equal($"{files.Scenario}:{line}: field 'simulation.dispatchIntervalS': expected a number from 1 to 86400, got {replacement["dispatchIntervalS: ".Length..]}", Refused(files).Message);
    }

    [Theory]
    [InlineData("", DispatchTiming.AtSubmit)]
    [InlineData("\n  dispatchTiming: rounds", DispatchTiming.Rounds)]
    [InlineData("\n  dispatchTiming: at-submit", DispatchTiming.AtSubmit)]
    public void Dispatch_timing_is_at_submit_unless_rounds_is_asked_for(string line, DispatchTiming expected)
    {
        using var files = new ScenarioFiles().Replace("mini.yaml", "dispatchIntervalS: 60", "dispatchIntervalS: 60" + line);
        Assert.Equal(expected, ScenarioLoader.Load(files.Scenario).Simulation.DispatchTiming);
    }

    [Fact]
    public void An_unknown_dispatch_timing_is_refused_naming_the_choices()
    {
        using var files = new ScenarioFiles().Replace("mini.yaml", "dispatchIntervalS: 60", "dispatchIntervalS: 60\n  dispatchTiming: soon");
        int line = files.LineOf("mini.yaml", "dispatchTiming: soon");

        Assert.Equal($"{files.Scenario}:{line}: field 'simulation.dispatchTiming': expected one of at-submit, rounds, got 'soon'", Refused(files).Message);
    }

    [Fact]
    public void A_dispatch_interval_of_one_second_loads()
    {
        using var files = new ScenarioFiles().Replace("mini.yaml", "dispatchIntervalS: 60", "dispatchIntervalS: 1");
        Assert.Equal(1, ScenarioLoader.Load(files.Scenario).Simulation.DispatchInterval.TotalSeconds);
    }

    [Theory]
    [InlineData("count: 4", "count: 99999999999", "centres[0].pools[0].count': expected a whole number from 1 to 1000000, got 99999999999")]
    [InlineData("count: 4", "count: 2.5", "centres[0].pools[0].count': expected a whole number from 1 to 1000000, got 2.5")]
    [InlineData("count: 4", "count: lots", "centres[0].pools[0].count': expected a whole number from 1 to 1000000, got 'lots'")]
    [InlineData("count: 4", "count: [4]", "centres[0].pools[0].count': expected a whole number from 1 to 1000000, got a list")]
    [InlineData("seed: 3", "seed: -1", "seed': expected a whole number from 0 to 2147483647, got -1")]
    [InlineData("seed: 3", "seed: 2147483648", "seed': expected a whole number from 0 to 2147483647, got 2147483648")]
    [InlineData("serversPerRack: 4", "serversPerRack: 1e3", "centres[0].serversPerRack': expected a whole number from 1 to 1024, got 1e3")]
    [InlineData("jobs: 500", "jobs: 0", "workload.jobs': expected a whole number from 1 to 100000000, got 0")]
    [InlineData("tenants: 5", "tenants: -99999999999999999999", "workload.tenants': expected a whole number from 1 to 1000000, got -99999999999999999999")]
    [InlineData("pue: 1.2", "pue: 1e400", "centres[0].pue': expected a number from 1 to 5, got '1e400'")]
    [InlineData("pue: 1.2", "pue: NaN", "centres[0].pue': expected a number from 1 to 5, got 'NaN'")]
    [InlineData("pue: 1.2", "pue: -Infinity", "centres[0].pue': expected a number from 1 to 5, got '-Infinity'")]
    [InlineData("pue: 1.2", "pue: 99", "centres[0].pue': expected a number from 1 to 5, got 99")]
    [InlineData("median: 0.5", "median: -1", "workload.classes[0].runtimeHours.median': expected a number from 0.000000001 to 1000000000, got -1")]
    public void An_out_of_range_number_names_the_allowed_range(string old, string replacement, string message)
    {
        using var files = new ScenarioFiles().Replace("mini.yaml", old, replacement);
        int line = files.LineOf("mini.yaml", replacement);

        Assert.Equal($"{files.Scenario}:{line}: field '{message}", Refused(files).Message);
    }

    [Fact]
    public void An_out_of_range_whole_number_in_the_server_catalog_names_the_allowed_range()
    {
        using var files = new ScenarioFiles().Replace("mini-servers.yaml", "chipsPerServer: 8", "chipsPerServer: 100");
        string servers = Path.Combine(files.Folder, "mini-servers.yaml");

        Assert.Equal($"{servers}:4: field 'servers[0].chipsPerServer': expected a whole number from 1 to 64, got 100", Refused(files).Message);
    }

    [Fact]
    public void A_value_with_a_line_break_is_echoed_on_one_line()
    {
        using var files = new ScenarioFiles().Replace("mini.yaml", "kind: training", "kind: \"train\\ning\"");

        Assert.EndsWith("field 'workload.classes[0].kind': expected one of training, inference, batch, got 'train\\ning'", Refused(files).Message);
    }

    [Fact]
    public void A_list_used_as_a_key_of_a_table_is_refused_naming_the_table()
    {
        using var files = new ScenarioFiles().Replace("mini.yaml", "stackShares: { cuda: 0.5 }", "stackShares: { [cuda]: 0.5 }");
        int line = files.LineOf("mini.yaml", "stackShares:");

        Assert.Equal($"{files.Scenario}:{line}: field 'workload.classes[0].stackShares': expected names as keys, got a list as a key", Refused(files).Message);
    }

    [Theory]
    [InlineData("catalog: mini-chips.yaml", "catalog: \"a\\0b\"", "catalog:", "catalog': expected a file path (relative to the scenario's folder), got 'a\\u0000b'")]
    [InlineData("catalog: mini-chips.yaml", "catalog: \"\"", "catalog:", "catalog': expected a file path (relative to the scenario's folder), got ''")]
    [InlineData("  placement: best-fit", "  placement: best-fit\n  plugins: [\"a\\0b\"]", "plugins:", "policies.plugins[0]': expected a file path (relative to the scenario's folder), got 'a\\u0000b'")]
    [InlineData("  placement: best-fit", "  placement: best-fit\n  plugins: [\"\"]", "plugins:", "policies.plugins[0]': expected a file path (relative to the scenario's folder), got ''")]
    public void A_file_name_no_path_can_hold_is_refused_naming_its_field(string old, string replacement, string lineMarker, string message)
    {
        using var files = new ScenarioFiles().Replace("mini.yaml", old, replacement);
        int line = files.LineOf("mini.yaml", lineMarker);

        Assert.Equal($"{files.Scenario}:{line}: field '{message}", Refused(files).Message);
    }

    [Fact]
    public void A_line_holding_only_a_colon_after_a_list_is_refused_at_that_line()
    {
        // YamlDotNet's parser drops the empty key of such a line; its representation model then fails without a position.
        using var files = new ScenarioFiles().Replace("mini.yaml", "demandRegions:", ": \ndemandRegions:");
        int line = files.LineOf("mini.yaml", "demandRegions:") - 1;

        Assert.Equal($"{files.Scenario}:{line}: malformed YAML at column 2: the YAML reader cannot place this here (check keys, colons, brackets and indentation)", Refused(files).Message);
    }

    [Fact]
    public void A_second_yaml_document_in_a_scenario_is_refused_instead_of_ignored()
    {
        using var files = new ScenarioFiles();
        File.AppendAllText(files.Scenario, "---\nname: other\n");
        int line = File.ReadAllLines(files.Scenario).Length;

        Assert.Equal($"{files.Scenario}:{line}: scenario holds a second YAML document (after '---'): expected one document per file", Refused(files).Message);
    }
}
