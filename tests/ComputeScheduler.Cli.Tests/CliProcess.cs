using System.Diagnostics;

namespace ComputeScheduler.Cli.Tests;

/// <summary>`computesched` as a real child process (dotnet exec of the built assembly), for tests that kill it or set its working folder.</summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _out = new();
    private readonly System.Text.StringBuilder _error = new();
    private readonly TaskCompletionSource<string> _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CliProcess(Process process) => _process = process;

    public static CliProcess Start(string workingFolder, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingFolder,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "computesched.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        var cli = new CliProcess(Process.Start(start)!);
        cli._process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (cli._out) cli._out.AppendLine(e.Data); };
        cli._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (cli._error) cli._error.AppendLine(e.Data);
            if (e.Data.StartsWith("paused at ", StringComparison.Ordinal)) cli._paused.TrySetResult(e.Data);
        };
        cli._process.BeginOutputReadLine();
        cli._process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>Runs to the end (at most 3 minutes) and returns exit code, stdout and stderr.</summary>
    public static async Task<CliRunner.Result> RunAsync(string workingFolder, params string[] args)
    {
        using var cli = Start(workingFolder, null, args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await cli._process.WaitForExitAsync(timeout.Token);
        cli._process.WaitForExit(); // drains the output readers
        return new CliRunner.Result(cli._process.ExitCode, cli.Out, cli.Error);
    }

    public string Out { get { lock (_out) return _out.ToString(); } }

    public bool HasExited => _process.HasExited;

    /// <summary>Waits (at most <paramref name="timeout"/>) until a line of standard output matches, or the process ends; true when one did.</summary>
    public async Task<bool> OutputAsync(Func<string, bool> line, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            if (Out.Split('\n').Any(line)) return true;
            await Task.Delay(100);
        }
        return Out.Split('\n').Any(line);
    }

    /// <summary>Waits for the process to end (at most 3 minutes) and returns exit code, stdout and stderr.</summary>
    public async Task<CliRunner.Result> ExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // drains the output readers
        return new CliRunner.Result(_process.ExitCode, Out, Error);
    }

    public string Error { get { lock (_error) return _error.ToString(); } }

    /// <summary>Waits until the process says it paused at its fault point (at most 3 minutes), then kills it with SIGKILL.</summary>
    public async Task KillWhenPausedAsync()
    {
        var done = await Task.WhenAny(_paused.Task, _process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(3)));
        Assert.True(done == _paused.Task, $"the process did not reach its fault point; exit {(_process.HasExited ? _process.ExitCode : -1)}: {Error}");
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
