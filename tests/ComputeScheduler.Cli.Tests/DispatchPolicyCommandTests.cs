using System.Text.Json;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Cli.Tests;

/// <summary>`run --dispatch NAME` for the national dispatch policies, on a one-day cut of the default scenario.</summary>
public class DispatchPolicyCommandTests
{
    /// <summary>
    /// national-default with 3,000 jobs over one day; half the batch-inference jobs may wait 12 h and
    /// half have their data in a centre; the western hubs' grids have the solar-dip shape.
    /// </summary>
    private static TempFolder SmallNational()
    {
        var copy = CliRunner.CopyOfTopology("national-default.yaml");
        string scenario = copy.File("national-default.yaml");
        CliRunner.Replace(scenario, "jobs: 100000", "jobs: 3000");
        CliRunner.Replace(scenario, "durationDays: 7", "durationDays: 1");
        CliRunner.Replace(scenario, "    - jobClass: batch-inference\n      kind: batch\n",
            "    - jobClass: batch-inference\n      kind: batch\n      delayTolerantShare: 0.5\n      maxDelayHours: 12\n      dataAtCentreShare: 0.5\n");
        CliRunner.Replace(scenario, "demandRegions:\n", """
            carbonProfiles:
              - { region: gansu, shape: solar-dip, source: "test" }
              - { region: ningxia, shape: solar-dip, source: "test" }
              - { region: inner-mongolia, shape: solar-dip, source: "test" }
            demandRegions:

            """);
        return copy;
    }

    [Theory]
    [InlineData("shortest-expected-wait")]
    [InlineData("data-gravity")]
    [InlineData("data-residency")]
    [InlineData("latency-aware")]
    [InlineData("carbon-aware")]
    public async Task Run_with_the_dispatch_policy_finishes_and_repeats_byte_for_byte(string dispatch)
    {
        using var copy = SmallNational();
        string scenario = copy.File("national-default.yaml");
        var a = await CliRunner.RunAsync("run", scenario, "--dispatch", dispatch, "--out", copy.File("a"));
        var b = await CliRunner.RunAsync("run", scenario, "--dispatch", dispatch, "--out", copy.File("b"));

        Assert.True(a.ExitCode == 0, a.Error);
        Assert.True(b.ExitCode == 0, b.Error);
        foreach (var f in new[] { "summary.json", "jobs.csv", "timeseries.csv" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(copy.File("a"), f)), File.ReadAllBytes(Path.Combine(copy.File("b"), f)));
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(copy.File("a"), "summary.json")));
        Assert.Equal(3000, summary.RootElement.GetProperty("jobs").GetProperty("submitted").GetInt64());
        Assert.Equal(3001, File.ReadAllLines(Path.Combine(copy.File("a"), "jobs.csv")).Length);
    }
}
