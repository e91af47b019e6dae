using ComputeScheduler.Testing;

namespace ComputeScheduler.Cli.Tests;

/// <summary>
/// Real processes: `computesched node` workers started as child processes on loopback, the
/// coordinator (`run`/`replay --cluster`) in the test process. Results are compared byte for byte
/// with the same command run in one process.
/// </summary>
[Collection(nameof(WorkerProcessCollection))]
public class ClusterCommandTests
{
    private static readonly string[] Deterministic = ["summary.json", "jobs.csv", "timeseries.csv", "capacity.csv"];

    [Fact]
    public async Task A_trace_replay_on_a_coordinator_and_two_worker_processes_is_byte_identical_to_one_process()
    {
        string[] replay = ["replay", RepoPaths.Data("swf/HPC2N-2002-2.2-cln.first3170jobs.swf"), "--topology", RepoPaths.Topology("national-default.yaml"),
            "--chip-model", "nvidia-a800-sxm4-80gb"];
        using var one = new TempFolder();
        using var three = new TempFolder();
        var single = await CliRunner.RunAsync([.. replay, "--out", one.Path]);
        Assert.True(single.ExitCode == 0, single.Error);

        await using var workers = WorkerProcesses.Start(2);
        await workers.UpAsync();
        var clustered = await CliRunner.RunAsync([.. replay, "--out", three.Path, "--cluster", "--seed-nodes", workers.Seeds, "--min-workers", "2"]);

        Assert.True(clustered.ExitCode == 0, clustered.Error);
        Assert.All(Deterministic, f => Assert.Equal(File.ReadAllBytes(one.File(f)), File.ReadAllBytes(three.File(f))));
        Assert.All(Deterministic, f => Assert.True(new FileInfo(one.File(f)).Length > 0));
    }

    [Fact]
    public async Task A_timeline_scenario_on_a_coordinator_and_two_worker_processes_is_byte_identical_to_one_process_and_to_itself()
    {
        // export-shock, reduced to 3,000 jobs a year: additions blocked and substituted, ageing out, porting, tariffs, growth.
        using var copy = CliRunner.CopyOfTopology("export-shock.yaml");
        string scenario = copy.File("export-shock.yaml");
        CliRunner.Replace(scenario, "jobs: 250000", "jobs: 3000");
        using var one = new TempFolder();
        using var again = new TempFolder();
        using var three = new TempFolder();
        var single = await CliRunner.RunAsync("run", scenario, "--out", one.Path);
        Assert.True(single.ExitCode == 0, single.Error);
        var second = await CliRunner.RunAsync("run", scenario, "--out", again.Path);
        Assert.True(second.ExitCode == 0, second.Error);

        await using var workers = WorkerProcesses.Start(2);
        await workers.UpAsync();
        var clustered = await CliRunner.RunAsync("run", scenario, "--out", three.Path, "--cluster", "--seed-nodes", workers.Seeds, "--min-workers", "2");

        Assert.True(clustered.ExitCode == 0, clustered.Error);
        Assert.All(Deterministic, f => Assert.Equal(File.ReadAllBytes(one.File(f)), File.ReadAllBytes(again.File(f))));
        Assert.All(Deterministic, f => Assert.Equal(File.ReadAllBytes(one.File(f)), File.ReadAllBytes(three.File(f))));
        // The shock shows: after it no H800/A800/H20 capacity is ever added, and the installed ones age out.
        var rows = File.ReadAllLines(one.File("timeseries.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        string[] controlled = ["nvidia-h800-sxm5-80gb", "nvidia-a800-sxm4-80gb", "nvidia-h20-96gb"];
        var byTime = rows.Where(r => controlled.Contains(r[2])).GroupBy(r => double.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(g => g.Key).Select(g => (Time: g.Key, Chips: g.Sum(r => int.Parse(r[3], System.Globalization.CultureInfo.InvariantCulture)))).ToList();
        double shock = 90 * 86_400; // 2027-04-01
        var after = byTime.Where(x => x.Time >= shock).ToList();
        Assert.True(after.Count > 10);
        Assert.All(after.Zip(after.Skip(1)), p => Assert.True(p.Second.Chips <= p.First.Chips, $"controlled chips rose from {p.First.Chips} to {p.Second.Chips} at {p.Second.Time} s"));
        Assert.True(after[^1].Chips < after[0].Chips);
    }

    [Fact]
    public async Task A_sweep_spread_over_two_worker_processes_gives_the_same_bytes_as_in_one_process()
    {
        using var dir = SweepCommandTests.SmallSweep("policies:\n  queueOrder: [fifo, sjf]\nseeds: 2\n");
        var single = await CliRunner.RunAsync("sweep", dir.File("sweep.yaml"), "--out", dir.File("one"));
        Assert.True(single.ExitCode == 0, single.Error);

        await using var workers = WorkerProcesses.Start(2);
        await workers.UpAsync();
        var clustered = await CliRunner.RunAsync("sweep", dir.File("sweep.yaml"), "--out", dir.File("three"), "--cluster", "--seed-nodes", workers.Seeds, "--min-workers", "2");

        Assert.True(clustered.ExitCode == 0, clustered.Error);
        Assert.Contains("on 2 worker node(s), 2 run(s) at once", clustered.Out);
        Assert.Equal(4, workers.Log.Count(l => l.Contains("sweep run ", StringComparison.Ordinal) && l.EndsWith(": done", StringComparison.Ordinal)));
        foreach (string run in new[] { "fifo/seed1", "fifo/seed2", "sjf/seed1", "sjf/seed2" })
            Assert.All(Deterministic, f => Assert.Equal(File.ReadAllBytes(dir.File($"one/cells/{run}/{f}")), File.ReadAllBytes(dir.File($"three/cells/{run}/{f}"))));
        Assert.Equal(File.ReadAllBytes(dir.File("one/sweep.csv")), File.ReadAllBytes(dir.File("three/sweep.csv")));
        Assert.Equal(File.ReadAllBytes(dir.File("one/sweep-summary.csv")), File.ReadAllBytes(dir.File("three/sweep-summary.csv")));
    }

    [Fact]
    public async Task A_worker_process_killed_mid_run_is_replaced_and_the_default_scenario_result_is_byte_identical()
    {
        using var one = new TempFolder();
        using var three = new TempFolder();
        var single = await CliRunner.RunAsync("run", "--out", one.Path);
        Assert.True(single.ExitCode == 0, single.Error);

        await using var workers = WorkerProcesses.Start(3);
        await workers.UpAsync();
        // The coordinator as a process of its own, so that its progress lines show when the run is under way:
        // a worker killed before the coordinator saw all three up would leave it waiting for the third.
        using var coordinator = CliProcess.Start(Path.GetTempPath(), null, "run", "--out", three.Path, "--cluster", "--seed-nodes", workers.Seeds, "--min-workers", "3");
        bool started = await coordinator.OutputAsync(l => JobsDone(l) > 0, TimeSpan.FromMinutes(3));
        Assert.True(started, $"the run showed no progress: {coordinator.Out} {coordinator.Error}");
        Assert.False(coordinator.HasExited, "the run ended before a worker could be killed");
        workers.Kill(1); // SIGKILL: no goodbye to the cluster
        var clustered = await coordinator.ExitAsync();

        Assert.True(clustered.ExitCode == 0, clustered.Error);
        Assert.All(Deterministic, f => Assert.Equal(File.ReadAllBytes(one.File(f)), File.ReadAllBytes(three.File(f))));
    }

    /// <summary>The jobs done in a progress line ("day 1.2 of 7+ | 12,345 jobs done | ..."), or 0 for another line.</summary>
    private static long JobsDone(string line)
    {
        var m = System.Text.RegularExpressions.Regex.Match(line, @"\| ([\d,]+) jobs done \|");
        return m.Success ? long.Parse(m.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) : 0;
    }
}

[CollectionDefinition(nameof(WorkerProcessCollection), DisableParallelization = true)]
public sealed class WorkerProcessCollection;
