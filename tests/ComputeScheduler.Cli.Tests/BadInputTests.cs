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
    public async Task A_negative_chip_count_is_refused_naming_file_line_and_field()
    {
        using var copy = CliRunner.CopyOfTopology("single-centre.yaml");
        string scenario = copy.File("single-centre.yaml");
        CliRunner.Replace(scenario, "minChips: 1", "minChips: -8");
        int line = CliRunner.LineOf(scenario, "minChips: -8");
        string outDir = copy.File("out");

        var result = await CliRunner.RunAsync("run", scenario, "--out", outDir);

        AssertRefused(result, outDir, $"{scenario}:{line}: field 'workload.classes[0].minChips': expected a number from 1 to 1000000, got -8");
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
}
