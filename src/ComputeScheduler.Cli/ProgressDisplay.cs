using System.Diagnostics;
using ComputeScheduler.Simulation.National;
using Spectre.Console;

namespace ComputeScheduler.Cli;

/// <summary>A Spectre.Console progress bar over simulated days, with jobs done and events/s, while a run goes on.</summary>
internal static class ProgressDisplay
{
    public static async Task ShowAsync(IAnsiConsole console, RunProgress progress, Task run, long? totalJobs, double? days)
    {
        var wall = Stopwatch.StartNew();
        if (!console.Profile.Capabilities.Interactive)
        {
            // Logs and pipes: a plain line every few seconds instead of a redrawn bar.
            while (!run.IsCompleted)
            {
                await Task.WhenAny(run, Task.Delay(3000)).ConfigureAwait(false);
                console.WriteLine(Line(progress, wall.Elapsed.TotalSeconds, days));
            }
            return;
        }
        await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("simulating", maxValue: totalJobs ?? 1);
                task.IsIndeterminate = totalJobs is null;
                while (!run.IsCompleted)
                {
                    await Task.WhenAny(run, Task.Delay(200)).ConfigureAwait(false);
                    Update(task, progress, wall.Elapsed.TotalSeconds, days);
                }
                Update(task, progress, wall.Elapsed.TotalSeconds, days);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
    }

    private static void Update(ProgressTask task, RunProgress progress, double wallS, double? days)
    {
        if (!task.IsIndeterminate) task.Value = Math.Min(task.MaxValue, progress.JobsDone);
        task.Description = Line(progress, wallS, days);
    }

    private static string Line(RunProgress progress, double wallS, double? days)
    {
        double simDays = progress.SimulatedUs / 86_400e6;
        double eventsPerS = wallS > 0 ? progress.Events / wallS : 0;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"day {simDays:0.0}{(days is { } d ? $" of {d:0.#}+" : "")} | {progress.JobsDone:N0} jobs done | {eventsPerS:N0} events/s");
    }
}
