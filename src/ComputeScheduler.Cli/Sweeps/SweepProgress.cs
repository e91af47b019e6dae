using System.Diagnostics;
using System.Globalization;
using ComputeScheduler.Reports.Results;
using Spectre.Console;

namespace ComputeScheduler.Cli.Sweeps;

/// <summary>
/// Carries out a sweep's pending runs on an executor, as many at once as it has slots, with a
/// progress bar (runs done, failures, time left); a failed run is printed and the others go on.
/// On a pipe or in a log: one line per run instead of a redrawn bar.
/// </summary>
internal static class SweepProgress
{
    public static async Task<Dictionary<SweepRun, string>> RunAsync(IAnsiConsole console, ISweepExecutor executor, string folder, IReadOnlyList<SweepRun> pending)
    {
        var failures = new Dictionary<SweepRun, string>();
        if (pending.Count == 0) return failures;
        int done = 0, failed = 0, started = 0;
        var wall = Stopwatch.StartNew();
        var gate = new Lock();

        async Task Each(SweepRun run, ProgressTask? task, CancellationToken ct)
        {
            FaultPoint.Reach($"sweep-run:{Interlocked.Increment(ref started)}"); // crash tests: stop before the n-th run starts
            var clock = Stopwatch.StartNew();
            var outcome = await executor.RunAsync(run.ArgumentsInto(folder), ct).ConfigureAwait(false);
            lock (gate)
            {
                done++;
                string line;
                if (outcome.Ok) line = $"[{done}/{pending.Count}] {run.Cell.Id} seed {run.Seed}: done in {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s";
                else
                {
                    failed++;
                    failures[run] = outcome.Error;
                    line = $"[{done}/{pending.Count}] {run.Cell.Id} seed {run.Seed}: FAILED: {outcome.Error}";
                }
                if (task is null || !outcome.Ok) console.WriteLine(line);
                if (task is not null)
                {
                    task.Increment(1);
                    task.Description = Describe(done, pending.Count, failed);
                }
            }
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, executor.Slots) };
        if (!console.Profile.Capabilities.Interactive)
        {
            await Parallel.ForEachAsync(pending, options, (run, ct) => new ValueTask(Each(run, null, ct))).ConfigureAwait(false);
            return failures;
        }
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Describe(0, pending.Count, 0), maxValue: pending.Count);
                await Parallel.ForEachAsync(pending, options, (run, ct) => new ValueTask(Each(run, task, ct))).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return failures;
    }

    private static string Describe(int done, int total, int failed)
        => string.Create(CultureInfo.InvariantCulture, $"runs {done}/{total} done{(failed > 0 ? $", {failed} failed" : "")}");
}
