using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ComputeScheduler.Cli.Tests;

/// <summary>Worker processes on free loopback ports; the first is the seed node.</summary>
internal sealed class WorkerProcesses : IAsyncDisposable
{
    private readonly List<Process> _processes = new();
    private readonly List<TaskCompletionSource> _up = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _log = new();

    public string Seeds { get; private init; } = "";

    /// <summary>Every line the processes wrote, stdout and stderr.</summary>
    public IReadOnlyCollection<string> Log => _log;

    public static WorkerProcesses Start(int count)
    {
        var ports = FreePorts(count);
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
        // Generous: on CI's 2 cores the other test assemblies run at the same time.
        if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(120))) != all)
        {
            var states = _processes.Select((p, i) => $"worker {i}: {(_up[i].Task.IsCompleted ? "up" : p.HasExited ? $"exited with {p.ExitCode}" : "not up")}");
            Assert.Fail("the worker processes did not come up (" + string.Join(", ", states) + "): " + string.Join('\n', _log.Where(l => !l.StartsWith("   at ", StringComparison.Ordinal)).Take(40)));
        }
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

    /// <summary>Distinct free loopback ports: every listener is held until all are chosen, so no port is handed out twice.</summary>
    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            foreach (var l in listeners) l.Start();
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var l in listeners) l.Stop();
        }
    }
}
