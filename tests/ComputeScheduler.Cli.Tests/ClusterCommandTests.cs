using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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

    /// <summary>Worker processes on free loopback ports; the first is the seed node.</summary>
    private sealed class WorkerProcesses : IAsyncDisposable
    {
        private readonly List<Process> _processes = new();
        private readonly List<TaskCompletionSource> _up = new();
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _log = new();

        public string Seeds { get; private init; } = "";

        public static WorkerProcesses Start(int count)
        {
            var ports = Enumerable.Range(0, count).Select(_ => FreePort()).ToArray();
            var result = new WorkerProcesses { Seeds = $"127.0.0.1:{ports[0]}" };
            string dll = Path.Combine(AppContext.BaseDirectory, "computesched.dll");
            foreach (int port in ports)
            {
                var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var a in new[] { "exec", dll, "node", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed-nodes", result.Seeds })
                    start.ArgumentList.Add(a);
                var process = Process.Start(start)!;
                var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                result._up.Add(up);
                process.OutputDataReceived += (_, e) =>
                {
                    if (e.Data is null) return;
                    result._log.Enqueue(e.Data);
                    if (e.Data.Contains(" is up", StringComparison.Ordinal)) up.TrySetResult();
                };
                process.ErrorDataReceived += (_, e) => { if (e.Data is not null) result._log.Enqueue(e.Data); };
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                result._processes.Add(process);
            }
            return result;
        }

        /// <summary>Waits until every worker says it is up in the cluster.</summary>
        public async Task UpAsync()
        {
            var all = Task.WhenAll(_up.Select(u => u.Task));
            if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(60))) != all)
                Assert.Fail("the worker processes did not come up: " + string.Join('\n', _log.Take(40)));
        }

        public void Kill(int index) => _processes[index].Kill(entireProcessTree: true);

        public async ValueTask DisposeAsync()
        {
            foreach (var p in _processes)
            {
                if (!p.HasExited) p.Kill(entireProcessTree: true);
                await p.WaitForExitAsync();
                p.Dispose();
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}

[CollectionDefinition(nameof(WorkerProcessCollection), DisableParallelization = true)]
public sealed class WorkerProcessCollection;
