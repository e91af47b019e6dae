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

    [Fact]
    public async Task Gavel_finish_time_fairness_replays_gavels_96_job_trace_on_the_gavel_cluster_to_the_end_the_same_way_twice()
    {
        using var dir = new TempFolder();
        string[] args = ["replay", RepoPaths.Data("gavel/traces-physical-cluster/max_min_fairness.trace"), "--topology", RepoPaths.Topology("gavel-108.yaml"),
            "--format", "gavel", "--queue-order", "gavel-finish-time-fairness", "--placement", "gavel"];
        var a = await CliRunner.RunAsync([.. args, "--out", dir.File("a")]);
        var b = await CliRunner.RunAsync([.. args, "--out", dir.File("b")]);
        Assert.True(a.ExitCode == 0, a.Error);
        Assert.True(b.ExitCode == 0, b.Error);

        var rows = File.ReadAllLines(dir.File("a/jobs.csv")).Skip(1).Select(r => r.Split(',')).ToArray();
        Assert.Equal(96, rows.Length);
        Assert.All(rows, r => Assert.Equal("finished", r[3]));
        Assert.True(rows.Sum(r => long.Parse(r[Column("preemptions")], System.Globalization.CultureInfo.InvariantCulture)) > 0);
        foreach (var f in new[] { "summary.json", "jobs.csv", "timeseries.csv", "capacity.csv" })
            Assert.Equal(File.ReadAllBytes(dir.File("a/" + f)), File.ReadAllBytes(dir.File("b/" + f)));

        int Column(string name) => Array.IndexOf(File.ReadLines(dir.File("a/jobs.csv")).First().Split(','), name);
    }
}
