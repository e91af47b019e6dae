using ComputeScheduler.Workloads.Traces;
using Spectre.Console;

namespace ComputeScheduler.Cli.Commands;

/// <summary>Tells what --skip-bad skipped: how many lines and the first ten.</summary>
internal static class BadLines
{
    public static void Report(IAnsiConsole console, BadLineLog log)
    {
        if (log.Count == 0) return;
        console.WriteLine($"skipped {log.Count} malformed line(s); the first {log.First.Count}:");
        foreach (var m in log.First) console.WriteLine("  " + m);
    }
}
