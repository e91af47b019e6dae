using Spectre.Console;

namespace ComputeScheduler.Cli.Sweeps;

/// <summary>
/// Runs a sweep's runs in this process, several at once, each through the `run` verb itself (its
/// own in-process actor system, its own staged results folder), with its console output dropped
/// and its error lines kept.
/// </summary>
internal sealed class InProcessRuns(int slots) : ISweepExecutor
{
    public int Slots { get; } = slots;

    public Task<SweepRunOutcome> RunAsync(string[] arguments, CancellationToken ct) => Run(arguments);

    /// <summary>One `computesched` command line run quietly in this process.</summary>
    public static async Task<SweepRunOutcome> Run(string[] arguments)
    {
        var error = new StringWriter();
        int code;
        try
        {
            code = await CliApp.RunAsync(arguments, QuietConsole(), error).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A failing run is reported and the sweep goes on.
            return new SweepRunOutcome(ExitCodes.RunFailed, $"run failed: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
        }
        string last = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
        return new SweepRunOutcome(code, code == ExitCodes.Ok ? "" : (last.Length > 0 ? last : $"run exited with code {code}"));
    }

    private static IAnsiConsole QuietConsole() => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
        Out = new AnsiConsoleOutput(TextWriter.Null),
    });
}
