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
