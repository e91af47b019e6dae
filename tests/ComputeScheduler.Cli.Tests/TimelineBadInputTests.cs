using ComputeScheduler.Testing;

namespace ComputeScheduler.Cli.Tests;

/// <summary>Bad timeline entries in a shipped scenario stop `run` with one line naming file, line and field, exit 2, nothing written.</summary>
public class TimelineBadInputTests
{
    [Theory]
    [InlineData("{ at: 2027-03-01, kind: add-servers, centre: guian,", "{ at: 2026-12-01, kind: add-servers, centre: guian,", "timeline[0].at", "on or after the scenario's startDate 2027-01-01")]
    [InlineData("kind: add-servers, centre: guian,", "kind: add-servers, centre: lhasa,", "timeline[0].centre", "expected a centre id")]
    [InlineData("{ from: cuda, to: cann,", "{ from: cuda, to: opencl,", "porting[0].to", "expected a software stack of the catalog")]
    [InlineData("server: cloudmatrix-384-910c, count: 500 }", "server: cloudmatrix-384-910c, count: -500 }", "timeline[0].count", "expected a whole number from 1 to 1000000, got -500")]
    [InlineData("curve: linear, factor: 3,", "curve: linear, factor: -3,", ".factor", "expected a number from 0 to 1000, got -3")]
    public async Task A_bad_timeline_entry_of_growth_2027_is_refused_naming_file_line_and_field(string old, string replacement, string field, string expected)
    {
        using var copy = CliRunner.CopyOfTopology("growth-2027.yaml");
        string scenario = copy.File("growth-2027.yaml");
        CliRunner.Replace(scenario, old, replacement);
        int line = CliRunner.LineOf(scenario, replacement);
        string outDir = copy.File("out");

        var result = await CliRunner.RunAsync("run", scenario, "--out", outDir);

        BadInputTests.AssertRefused(result, outDir, $"{scenario}:{line}: field '", field, expected);
    }
}
