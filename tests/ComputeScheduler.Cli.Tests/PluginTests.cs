using ComputeScheduler.Model.Ids;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Scheduling.Plugins;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Cli.Tests;

public class PluginTests
{
    private static readonly string SingleCentre = RepoPaths.Topology("single-centre.yaml");

    /// <summary>The sample plug-in as built with this test run's configuration (the test project builds it first).</summary>
    private static string SampleDll
    {
        get
        {
            string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
            string path = Path.Combine(RepoPaths.Root, "samples", "ComputeScheduler.Samples.ExternalPolicy", "bin", configuration, "net10.0", "ComputeScheduler.Samples.ExternalPolicy.dll");
            Assert.True(File.Exists(path), $"the sample plug-in is built by the test project: {path}");
            return path;
        }
    }

    [Fact]
    public void A_plugin_assembly_registers_its_policies_by_name_and_they_make_their_own_decisions()
    {
        var registry = PolicyRegistry.CreateBuiltIn();
        var added = PolicyPlugins.Load(registry, SampleDll);

        Assert.Equal(["sample-last-fit"], added);
        var policy = registry.CreatePlacement("sample-last-fit");
        Assert.NotSame(policy, registry.CreatePlacement("sample-last-fit"));

        // Three free 8-chip servers: "last fit" puts a 2-chip job on server 2, where first fit would take server 0.
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (ScenarioBuilder.RefServer, 3)).Build();
        var free = new CapacityIndex(scenario.Centres[0]);
        var grants = new ChipGrant[2];
        var result = policy.Place(new PlacementRequest(new JobId(1), 2, 1), free, grants);

        Assert.True(result.IsPlaced);
        Assert.Equal(new ChipGrant(2, 2), grants[0]);
    }

    [Fact]
    public async Task Run_with_a_plugin_selects_its_policy_on_the_command_line()
    {
        using var dir = new TempFolder();
        var last = await CliRunner.RunAsync("run", SingleCentre, "--plugin", SampleDll, "--placement", "sample-last-fit", "--out", dir.File("last"));
        var first = await CliRunner.RunAsync("run", SingleCentre, "--placement", "first-fit", "--out", dir.File("first"));
        Assert.True(last.ExitCode == 0, last.Error);
        Assert.Equal(0, first.ExitCode);

        Assert.True(FirstServerOfJob0(dir.File("last/jobs.csv")) > FirstServerOfJob0(dir.File("first/jobs.csv")));
    }

    [Fact]
    public async Task A_scenario_names_its_plugins_relative_to_itself()
    {
        using var copy = CliRunner.CopyOfTopology("single-centre.yaml");
        string scenario = copy.File("single-centre.yaml");
        CliRunner.Replace(scenario, "  placement: best-fit", $"  placement: sample-last-fit\n  plugins: ['{Path.GetRelativePath(copy.Path, SampleDll)}']");

        var result = await CliRunner.RunAsync("run", scenario, "--out", copy.File("out"));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(File.Exists(copy.File("out/jobs.csv")));
    }

    [Fact]
    public async Task A_missing_plugin_is_bad_input_with_one_line_and_nothing_written()
    {
        using var dir = new TempFolder();
        var result = await CliRunner.RunAsync("run", SingleCentre, "--plugin", dir.File("nope.dll"), "--out", dir.File("out"));

        AssertRefused(result, dir.File("out"), "--plugin", "nope.dll", "not found");
    }

    [Fact]
    public async Task A_file_that_is_not_an_assembly_is_bad_input()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("policy.dll"), "not an assembly");
        var result = await CliRunner.RunAsync("run", SingleCentre, "--plugin", dir.File("policy.dll"), "--out", dir.File("out"));

        AssertRefused(result, dir.File("out"), "policy.dll", "not one");
    }

    [Fact]
    public async Task A_plugin_policy_whose_name_clashes_is_bad_input()
    {
        using var dir = new TempFolder();
        var result = await CliRunner.RunAsync("run", SingleCentre, "--plugin", SampleDll, "--plugin", SampleDll, "--out", dir.File("out"));

        AssertRefused(result, dir.File("out"), "sample-last-fit", "clashes");
    }

    private static void AssertRefused(CliRunner.Result result, string outDir, params string[] parts)
    {
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        foreach (var part in parts) Assert.Contains(part, line);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.False(Directory.Exists(outDir));
    }

    private static int FirstServerOfJob0(string jobsCsv)
    {
        var rows = File.ReadAllLines(jobsCsv);
        int servers = Array.IndexOf(rows[0].Split(','), "servers");
        var job0 = rows.Skip(1).Select(r => r.Split(',')).First(r => r[0] == "0");
        return int.Parse(job0[servers].Split(':')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
