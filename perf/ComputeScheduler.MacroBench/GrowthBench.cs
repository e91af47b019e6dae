using System.Globalization;
using MathNet.Numerics;

namespace ComputeScheduler.MacroBench;

/// <summary>
/// How wall time grows with the jobs of a replay: replays of 0.5 M, 2 M and 8 M jobs (the same
/// steady load as <see cref="ReplayBench"/>, so the run grows in length, not in load), each the
/// median of <c>runs</c>, and the exponent b of wall = a * jobs^b fitted by least squares on the
/// logarithms. b = 1 is linear; the target is under 1.1.
/// </summary>
public static class GrowthBench
{
    public static readonly long[] Sizes = [500_000, 2_000_000, 8_000_000];

    public static async Task RunAsync(string topology, bool sequential, int runs)
    {
        var medians = new List<ReplayFigures>();
        foreach (long jobs in Sizes)
        {
            var figures = new List<ReplayFigures>();
            for (int i = 0; i < runs; i++)
            {
                var f = await ReplayBench.MeasureAsync(topology, jobs, sequential);
                figures.Add(f);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{jobs,10:N0} jobs, run {i + 1}: {f.SimulateS:0.00} s simulating, {f.TotalS:0.00} s with results, {f.Events:N0} events"));
            }
            var median = figures.OrderBy(f => f.TotalS).ElementAt(figures.Count / 2);
            medians.Add(median);
        }
        double[] logJobs = [.. medians.Select(m => Math.Log(m.Jobs))];
        var (_, total) = Fit.Line(logJobs, [.. medians.Select(m => Math.Log(m.TotalS))]);
        var (_, simulate) = Fit.Line(logJobs, [.. medians.Select(m => Math.Log(m.SimulateS))]);
        Console.WriteLine($"growth ({ReplayBench.Driver(sequential)}, median of {runs} per size):");
        Console.WriteLine("      jobs | simulate s | with results s | us per job");
        foreach (var m in medians)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{m.Jobs,10:N0} | {m.SimulateS,10:0.00} | {m.TotalS,14:0.00} | {m.TotalS / m.Jobs * 1e6,10:0.00}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fitted exponent of wall time in jobs: {total:0.000} with results, {simulate:0.000} simulating (1 = linear; target < 1.1)"));
    }
}
