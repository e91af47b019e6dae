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
    private static readonly string[] Deterministic = ["summary.json", "jobs.csv", "timeseries.csv"];

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
    public async Task A_worker_process_killed_mid_run_is_replaced_and_the_default_scenario_result_is_byte_identical()
    {
        using var one = new TempFolder();
        using var three = new TempFolder();
        var single = await CliRunner.RunAsync("run", "--out", one.Path);
        Assert.True(single.ExitCode == 0, single.Error);

        await using var workers = WorkerProcesses.Start(3);
        await workers.UpAsync();
        var run = CliRunner.RunAsync("run", "--out", three.Path, "--cluster", "--seed-nodes", workers.Seeds, "--min-workers", "3");
        await Task.Delay(TimeSpan.FromSeconds(5)); // the coordinator joins in ~2 s; the run then takes ~15 s
        Assert.False(run.IsCompleted, "the run ended before a worker could be killed");
        workers.Kill(1); // SIGKILL: no goodbye to the cluster
        var clustered = await run;

        Assert.True(clustered.ExitCode == 0, clustered.Error);
        Assert.All(Deterministic, f => Assert.Equal(File.ReadAllBytes(one.File(f)), File.ReadAllBytes(three.File(f))));
    }
}

[CollectionDefinition(nameof(WorkerProcessCollection), DisableParallelization = true)]
public sealed class WorkerProcessCollection;
