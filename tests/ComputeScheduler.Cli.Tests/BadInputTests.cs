using ComputeScheduler.Testing;

namespace ComputeScheduler.Cli.Tests;

/// <summary>Bad input: one line naming file, line and field; exit code 2; no stack trace; nothing written.</summary>
public class BadInputTests
{
    internal static void AssertRefused(CliRunner.Result result, string outDir, params string[] expectedParts)
    {
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        foreach (var part in expectedParts) Assert.Contains(part, line);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain("Exception", result.Error);
        Assert.False(Directory.Exists(outDir), "nothing may be written for bad input");
    }

    [Fact]
    public async Task Malformed_yaml_is_refused_naming_file_and_line()
    {
        using var copy = CliRunner.CopyOfTopology("single-centre.yaml");
        string scenario = copy.File("single-centre.yaml");
        CliRunner.Replace(scenario, "placement: best-fit", "placement: [best-fit");
        string outDir = copy.File("out");

        var result = await CliRunner.RunAsync("run", scenario, "--out", outDir);

        AssertRefused(result, outDir, scenario + ":", "malformed YAML");
    }

    [Fact]
    public async Task An_unknown_chip_model_is_refused_naming_file_line_and_field()
    {
        using var copy = CliRunner.CopyOfTopology("single-centre.yaml");
        string servers = copy.File("servers.yaml");
        string firstChip = File.ReadAllLines(servers).First(l => l.TrimStart().StartsWith("chip:", StringComparison.Ordinal)).Trim();
        CliRunner.Replace(servers, firstChip, "chip: nvidia-z9000");
        int line = CliRunner.LineOf(servers, "chip: nvidia-z9000");
        string outDir = copy.File("out");

        var result = await CliRunner.RunAsync("run", copy.File("single-centre.yaml"), "--out", outDir);

        AssertRefused(result, outDir, $"{servers}:{line}: field 'servers[", "].chip'", "unknown chip model 'nvidia-z9000'");
    }

    [Fact]
    public async Task A_chip_catalog_using_the_old_field_name_memoryGib_is_refused_naming_the_new_field_memoryGb()
    {
        using var copy = CliRunner.CopyOfTopology("single-centre.yaml");
        string chips = copy.File("chips.yaml");
        CliRunner.Replace(chips, "    memoryGb: 80\n", "    memoryGib: 80\n");
        int line = CliRunner.LineOf(chips, "memoryGib: 80");
        string outDir = copy.File("out");

        var result = await CliRunner.RunAsync("run", copy.File("single-centre.yaml"), "--out", outDir);

        AssertRefused(result, outDir, $"{chips}:{line}: field 'chips[0].memoryGib': expected 'memoryGb' (memory in GB", "got the old name 'memoryGib'");
    }

    [Fact]
    public async Task A_server_without_a_price_is_refused_naming_file_line_and_field()
    {
        using var copy = CliRunner.CopyOfTopology("single-centre.yaml");
        string servers = copy.File("servers.yaml");
        CliRunner.Replace(servers, "    priceCny: 1400000\n", "");
        int line = CliRunner.LineOf(servers, "- id: hgx-a100-8");
        string outDir = copy.File("out");

        var result = await CliRunner.RunAsync("run", copy.File("single-centre.yaml"), "--out", outDir);

        AssertRefused(result, outDir, $"{servers}:{line}: field 'servers[0].priceCny'", "got nothing (the field is missing)");
    }

    [Fact]
    public async Task A_negative_chip_count_is_refused_naming_file_line_and_field()
    {
        using var copy = CliRunner.CopyOfTopology("single-centre.yaml");
        string scenario = copy.File("single-centre.yaml");
        CliRunner.Replace(scenario, "minChips: 1", "minChips: -8");
        int line = CliRunner.LineOf(scenario, "minChips: -8");
        string outDir = copy.File("out");

        var result = await CliRunner.RunAsync("run", scenario, "--out", outDir);

        AssertRefused(result, outDir, $"{scenario}:{line}: field 'workload.classes[0].minChips': expected a whole number from 1 to 1048576, got -8");
    }

    [Fact]
    public async Task An_unknown_policy_name_in_the_scenario_is_refused_listing_the_known_ones()
    {
        using var copy = CliRunner.CopyOfTopology("single-centre.yaml");
        string scenario = copy.File("single-centre.yaml");
        CliRunner.Replace(scenario, "placement: best-fit", "placement: tetris");
        int line = CliRunner.LineOf(scenario, "placement: tetris");
        string outDir = copy.File("out");

        var result = await CliRunner.RunAsync("run", scenario, "--out", outDir);

        AssertRefused(result, outDir, $"{scenario}:{line}: field 'policies.placement': expected a known placement policy ({string.Join(", ", Scheduling.PolicyRegistry.CreateBuiltIn().Names(Scheduling.PolicyKind.Placement))}), got 'tetris'");
    }

    [Fact]
    public async Task An_unknown_policy_name_on_the_command_line_is_refused()
    {
        using var dir = new TempFolder();
        string outDir = dir.File("out");
        var result = await CliRunner.RunAsync("run", RepoPaths.Topology("single-centre.yaml"), "--dispatch", "coin-toss", "--out", outDir);

        AssertRefused(result, outDir, "--dispatch: unknown dispatch policy 'coin-toss'; known: carbon-aware, data-gravity, data-residency, latency-aware, least-loaded, price-aware, round-robin, shortest-expected-wait");
    }

    [Fact]
    public async Task A_scenario_path_that_does_not_exist_is_refused()
    {
        using var dir = new TempFolder();
        string outDir = dir.File("out");
        var result = await CliRunner.RunAsync("run", dir.File("nope.yaml"), "--out", outDir);

        AssertRefused(result, outDir, dir.File("nope.yaml") + ": scenario not found");
    }

    [Fact]
    public async Task A_seed_that_is_not_a_number_is_refused()
    {
        using var dir = new TempFolder();
        string outDir = dir.File("out");
        var result = await CliRunner.RunAsync("run", RepoPaths.Topology("single-centre.yaml"), "--seed", "abc", "--out", outDir);

        AssertRefused(result, outDir, "abc", "--seed");
    }

    [Fact]
    public async Task An_unknown_verb_is_refused()
    {
        var result = await CliRunner.RunAsync("fly");
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
    }

    [Fact]
    public async Task A_results_folder_that_cannot_be_created_is_refused_before_the_run()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("a-file"), "x");
        string outDir = Path.Combine(dir.File("a-file"), "out");

        var result = await CliRunner.RunAsync("run", RepoPaths.Topology("single-centre.yaml"), "--out", outDir);

        AssertRefused(result, outDir, $"--out {outDir}: cannot create the results folder");
    }

    [Fact]
    public async Task An_unknown_telemetry_exporter_is_refused()
    {
        using var dir = new TempFolder();
        string outDir = dir.File("out");
        var result = await CliRunner.RunAsync("run", RepoPaths.Topology("single-centre.yaml"), "--otel", "carrier-pigeon", "--out", outDir);

        AssertRefused(result, outDir, "carrier-pigeon", "--otel");
    }

    [Fact]
    public async Task An_unknown_driver_is_refused_and_the_sequential_driver_is_refused_on_a_cluster()
    {
        using var dir = new TempFolder();
        string outDir = dir.File("out");
        var unknown = await CliRunner.RunAsync("run", RepoPaths.Topology("single-centre.yaml"), "--driver", "threads", "--out", outDir);
        AssertRefused(unknown, outDir, "threads", "--driver");

        var onCluster = await CliRunner.RunAsync("run", RepoPaths.Topology("single-centre.yaml"), "--driver", "sequential", "--cluster", "--seed-nodes", "127.0.0.1:4999", "--out", outDir);
        AssertRefused(onCluster, outDir, "--driver: expected actors with --cluster");
    }

    [Fact]
    public async Task A_scenario_nested_50000_levels_deep_is_refused_naming_file_and_line_instead_of_crashing()
    {
        using var copy = CliRunner.CopyOfTopology("single-centre.yaml");
        string scenario = copy.File("single-centre.yaml");
        File.WriteAllText(scenario, "name: deep\nnotes: " + new string('[', 50_000) + new string(']', 50_000) + "\n");
        string outDir = copy.File("out");

        var result = await CliRunner.RunAsync("run", scenario, "--out", outDir);

        AssertRefused(result, outDir, $"{scenario}:2: malformed YAML at column 71: mappings and lists nested more than 64 levels deep");
    }

    [Fact]
    public async Task A_chip_catalog_nested_50000_levels_deep_is_refused_naming_the_catalog()
    {
        using var copy = CliRunner.CopyOfTopology("single-centre.yaml");
        string chips = copy.File("chips.yaml");
        File.WriteAllText(chips, "chips: " + new string('[', 50_000) + new string(']', 50_000) + "\n");
        string outDir = copy.File("out");

        var result = await CliRunner.RunAsync("run", copy.File("single-centre.yaml"), "--out", outDir);

        AssertRefused(result, outDir, $"{chips}:1: malformed YAML at column 71: mappings and lists nested more than 64 levels deep");
    }

    [Theory]
    [InlineData("minChips: 1", "minChips: 300", "workload.classes[0].minChips': expected a power of two from 1 to 1048576 (1, 2, 4, 8, ...), got 300")]
    [InlineData("count: 16", "count: 99999999999", "centres[0].pools[0].count': expected a whole number from 1 to 1000000, got 99999999999")]
    [InlineData("dispatchIntervalS: 60", "dispatchIntervalS: 0", "simulation.dispatchIntervalS': expected a number from 1 to 86400, got 0")]
    [InlineData("seed: 1", "seed: 1.5", "seed': expected a whole number from 0 to 2147483647, got 1.5")]
    public async Task A_scenario_value_out_of_its_range_is_refused_naming_file_line_field_and_the_range(string old, string replacement, string message)
    {
        using var copy = CliRunner.CopyOfTopology("single-centre.yaml");
        string scenario = copy.File("single-centre.yaml");
        CliRunner.Replace(scenario, old, replacement);
        int line = CliRunner.LineOf(scenario, replacement);
        string outDir = copy.File("out");

        var result = await CliRunner.RunAsync("run", scenario, "--out", outDir);

        AssertRefused(result, outDir, $"{scenario}:{line}: field '{message}");
    }

    [Theory]
    [InlineData("-5", "expected a number from 1 to 86400, got -5")]
    [InlineData("six minutes", "expected a number from 1 to 86400, got 'six minutes'")]
    public async Task A_bad_gavel_round_length_is_refused_naming_file_line_field_and_the_range(string value, string message)
    {
        using var copy = CliRunner.CopyOfTopology("single-centre.yaml");
        string scenario = copy.File("single-centre.yaml");
        CliRunner.Replace(scenario, "placement: best-fit", $"placement: best-fit\n  gavelRoundS: {value}");
        int line = CliRunner.LineOf(scenario, $"gavelRoundS: {value}");
        string outDir = copy.File("out");

        var result = await CliRunner.RunAsync("run", scenario, "--out", outDir);

        AssertRefused(result, outDir, $"{scenario}:{line}: field 'policies.gavelRoundS': {message}");
    }

    [Theory]
    [InlineData("queueThresholdsChipS: [7200, 3250]", "queueThresholdsChipS': expected a list of 1 to 16 increasing numbers of chip-seconds, each from 1 to 1e12, got 3250 after 7200")]
    [InlineData("queueThresholdsChipS: []", "queueThresholdsChipS': expected a list of 1 to 16 increasing numbers of chip-seconds, each from 1 to 1e12, got 0 numbers")]
    [InlineData("queueThresholdsChipS: [0]", "queueThresholdsChipS[0]': expected a number from 1 to 1000000000000, got 0")]
    [InlineData("preempted: sideways", "preempted': expected one of keep-place, back, got 'sideways'")]
    [InlineData("gittinsOrder: sometimes", "gittinsOrder': expected one of every-pass, on-join, got 'sometimes'")]
    [InlineData("gittinsDistribution: oracle", "gittinsDistribution': expected one of tiresias-yarn, observed, got 'oracle'")]
    [InlineData("demotionReview: never", "demotionReview': expected one of at-threshold, simulator, got 'never'")]
    [InlineData("queues: 3", "queues': expected a known field")]
    public async Task A_bad_tiresias_setting_is_refused_naming_file_line_field_and_what_was_expected(string setting, string message)
    {
        using var copy = CliRunner.CopyOfTopology("single-centre.yaml");
        string scenario = copy.File("single-centre.yaml");
        CliRunner.Replace(scenario, "placement: best-fit", $"placement: best-fit\n  tiresias:\n    {setting}");
        int line = CliRunner.LineOf(scenario, setting);
        string outDir = copy.File("out");

        var result = await CliRunner.RunAsync("run", scenario, "--out", outDir);

        AssertRefused(result, outDir, $"{scenario}:{line}: field 'policies.tiresias.{message}");
    }

    [Fact]
    public async Task An_empty_results_folder_is_refused_as_an_argument_error()
    {
        var result = await CliRunner.RunAsync("run", RepoPaths.Topology("single-centre.yaml"), "--out", "");

        AssertRefused(result, "", "--out: expected a folder path, got an empty string");
    }

    [Theory]
    [InlineData("--seed", "1.5", "--seed: expected a whole number from 0 to 2147483647, got '1.5'")]
    [InlineData("--seed", "-1", "--seed: expected a whole number from 0 to 2147483647, got '-1'")]
    [InlineData("--seed", "99999999999", "--seed: expected a whole number from 0 to 2147483647, got '99999999999'")]
    [InlineData("--min-workers", "0", "--min-workers: expected a whole number from 1 to 2147483647, got '0'")]
    [InlineData("--worker-wait-s", "soon", "--worker-wait-s: expected a whole number from 1 to 2147483647, got 'soon'")]
    [InlineData("--otel-endpoint", "not a uri", "--otel-endpoint: expected an absolute URI such as http://localhost:4317, got 'not a uri'")]
    [InlineData("--port", "1.5", "--port: expected a whole number from -2147483648 to 2147483647, got '1.5'")]
    [InlineData("--jobs", "", "--jobs: expected a job file path, got an empty string")]
    [InlineData("--plugin", "", "--plugin: expected the path of a plug-in assembly, got an empty string")]
    public async Task A_bad_value_of_a_run_option_is_refused_in_words_on_one_line(string option, string value, string message)
    {
        using var dir = new TempFolder();
        string outDir = dir.File("out");
        var result = await CliRunner.RunAsync("run", RepoPaths.Topology("single-centre.yaml"), option, value, "--out", outDir);

        AssertRefused(result, outDir, message);
        Assert.DoesNotContain("System.", result.Error);
    }

    [Theory]
    [InlineData("--prefill-tokens-per-s", "NaN", "--prefill-tokens-per-s: expected a number above 0 and at most 1000000000000, got 'NaN'")]
    [InlineData("--decode-tokens-per-s", "-5", "--decode-tokens-per-s: expected a number above 0 and at most 1000000000000, got '-5'")]
    [InlineData("--seed", "x", "--seed: expected a whole number from 0 to 2147483647, got 'x'")]
    [InlineData("--topology", "", "--topology: expected a scenario file path, got an empty string")]
    [InlineData("--chip-map", "", "--chip-map: expected a chip-mapping file path, got an empty string")]
    [InlineData("--machines", "", "--machines: expected a machine-list file path, got an empty string")]
    public async Task A_bad_value_of_a_replay_option_is_refused_in_words_on_one_line(string option, string value, string message)
    {
        using var dir = new TempFolder();
        string outDir = dir.File("out");
        var result = await CliRunner.RunAsync("replay", dir.File("trace.csv"), option, value, "--out", outDir);

        AssertRefused(result, outDir, message);
        Assert.DoesNotContain("System.", result.Error);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("replay")]
    [InlineData("trace stats")]
    public async Task An_empty_file_argument_is_refused(string verb)
    {
        using var dir = new TempFolder();
        string outDir = dir.File("out");
        string[] args = [.. verb.Split(' '), "", .. verb == "trace stats" ? Array.Empty<string>() : ["--out", outDir]];
        var result = await CliRunner.RunAsync(args);

        AssertRefused(result, outDir, "expected a", "file path, got an empty string");
    }
}
