using System.Diagnostics;
using System.Globalization;
using ComputeScheduler.Scheduling.QueueOrder.Gavel;
using ComputeScheduler.Simulation.Performance;
using ComputeScheduler.Workloads.Scenarios;

namespace ComputeScheduler.MacroBench;

/// <summary>
/// The cost of one round's allocation LP of <c>gavel-las</c> (max-min fairness, both passes) at 100,
/// 1,000 and 10,000 active jobs on <c>topologies/gavel-108.yaml</c>: job types drawn uniformly from its
/// 26 single-GPU classes, one GPU each. Two forms: grouped by job shape (what the policy solves) and
/// Gavel's own one row per job. Prints the median of <c>runs</c> solves after one warm-up.
/// </summary>
public static class GavelLpBench
{
    public static void Run(string gavelScenario, int runs)
    {
        var scenario = ScenarioLoader.Load(gavelScenario);
        var centre = scenario.Centres[0];
        var performance = new PerformanceModel(scenario.Performance, scenario.Catalog, centre);
        int classes = scenario.Performance.Classes.Count, pools = centre.Pools.Count;
        var rows = Enumerable.Range(0, classes).Select(c => Enumerable.Range(0, pools).Select(p => performance.Throughput(c, p)).ToArray()).ToArray();
        var capacity = centre.Pools.Select(p => (double)p.TotalChips).ToArray();
        foreach (int jobs in new[] { 100, 1_000, 10_000 })
        {
            var rnd = new Random(jobs);
            var jobClass = Enumerable.Range(0, jobs).Select(_ => rnd.Next(classes)).ToArray();
            var members = new int[classes];
            foreach (int c in jobClass) members[c]++;
            var present = Enumerable.Range(0, classes).Where(c => members[c] > 0).ToArray();
            double grouped = Median(runs, () => GavelAllocation.Solve(present.Select(c => rows[c]).ToArray(), present.Select(c => members[c]).ToArray(),
                present.Select(_ => 1).ToArray(), capacity, GavelObjective.MaxMinFairness));
            double perJob = Median(runs, () => GavelAllocation.SolvePerJob(jobClass.Select(c => rows[c]).ToArray(), jobClass.Select(_ => 1).ToArray(),
                capacity, GavelObjective.MaxMinFairness));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{jobs,6:N0} active jobs: grouped ({present.Length} groups) {grouped * 1000:0.00} ms, per job (Gavel's form, {jobs * pools:N0} variables) {perJob * 1000:0.0} ms"));
        }
    }

    private static double Median(int runs, Action solve)
    {
        solve();
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            solve();
            times[i] = sw.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return times[runs / 2];
    }
}
