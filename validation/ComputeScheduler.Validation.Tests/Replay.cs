using ComputeScheduler.Cli;
using ComputeScheduler.Testing;
using Spectre.Console;

namespace ComputeScheduler.Validation.Tests;

/// <summary>Runs `computesched replay` in-process into a temporary folder and reads its jobs.csv.</summary>
internal static class Replay
{
    public static async Task<RunStats> RunAsync(params string[] args)
    {
        using var dir = new TempFolder();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(TextWriter.Null),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        int code = await CliApp.RunAsync(["replay", .. args, "--out", dir.Path], console, error);
        if (code != 0) throw new InvalidOperationException($"replay {string.Join(' ', args)} failed ({code}): {error}");
        return RunStats.FromJobsCsv(dir.File("jobs.csv"));
    }
}
