using ComputeScheduler.Testing;

namespace ComputeScheduler.Cli.Tests;

/// <summary>One small real run (the default scenario's 10 centres, 1,500 jobs over one day) in a temp folder, made once per test class that uses it.</summary>
public sealed class ReportRunFixture : IAsyncLifetime
{
    private readonly TempFolder _dir = new();

    public string Root => _dir.Path;

    /// <summary>The results folder.</summary>
    public string Run => _dir.File("run");

    /// <summary>Chart names of a run's report, in page order.</summary>
    public static readonly string[] RunCharts =
    [
        "utilisation-by-centre", "utilisation-by-chip-model", "queued-jobs", "wait-cdf", "jct-cdf",
        "wait-reasons-by-centre", "centre-energy", "centre-cost", "centre-carbon", "centre-map",
    ];

    public async Task InitializeAsync()
    {
        string scenario = _dir.File("small.yaml");
        File.Copy(RepoPaths.Topology("national-default.yaml"), scenario);
        CliRunner.Replace(scenario, "jobs: 100000", "jobs: 1500");
        CliRunner.Replace(scenario, "durationDays: 7", "durationDays: 1");
        var result = await CliRunner.RunAsync("run", scenario, "--out", Run);
        Assert.True(result.ExitCode == 0, result.Error);
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }
}
