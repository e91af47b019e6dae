using System.Text.Json;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Cli.Tests;

public class QueueOrderRunTests
{
    private static readonly string SingleCentre = RepoPaths.Topology("single-centre.yaml");

    public static TheoryData<string> QueueOrders()
    {
        var data = new TheoryData<string>();
        foreach (var name in PolicyRegistry.CreateBuiltIn().Names(PolicyKind.QueueOrder)) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(QueueOrders))]
    public async Task Every_queue_order_runs_the_single_centre_scenario_to_the_end_the_same_way_twice(string queueOrder)
    {
        using var dir = new TempFolder();
        var a = await CliRunner.RunAsync("run", SingleCentre, "--queue-order", queueOrder, "--out", dir.File("a"));
        var b = await CliRunner.RunAsync("run", SingleCentre, "--queue-order", queueOrder, "--out", dir.File("b"));
        Assert.True(a.ExitCode == 0, a.Error);
        Assert.Equal(0, b.ExitCode);

        using var summary = JsonDocument.Parse(File.ReadAllText(dir.File("a/summary.json")));
        var jobs = summary.RootElement.GetProperty("jobs");
        Assert.Equal(jobs.GetProperty("submitted").GetInt64(), jobs.GetProperty("finished").GetInt64() + jobs.GetProperty("rejected").GetInt64());
        Assert.True(jobs.GetProperty("finished").GetInt64() > 0);
        foreach (var f in new[] { "summary.json", "jobs.csv", "timeseries.csv" })
            Assert.Equal(File.ReadAllBytes(dir.File("a/" + f)), File.ReadAllBytes(dir.File("b/" + f)));
    }
}
