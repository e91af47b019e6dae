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
        var (rows, capacity) = Cluster(gavelScenario);
        int classes = rows.Length, pools = capacity.Length;
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

    /// <summary>
    /// The cost of one allocation of <c>gavel-finish-time-fairness</c> (bisection and final pass, one row per job)
    /// at 100 and 1,000 active jobs, drawn as in <see cref="Run"/>; each job has been in the system t ~ U(0, 1 day),
    /// done work worth c ~ U(0, t) in isolation, and has r = 60 x 10^U(1.5, 3) reference seconds left (Gavel's durations).
    /// </summary>
    public static void RunFinishTimeFairness(string gavelScenario, int runs)
    {
        var (rows, capacity) = Cluster(gavelScenario);
        int classes = rows.Length, pools = capacity.Length;
        foreach (int count in new[] { 100, 1_000 })
        {
            var rnd = new Random(count);
            var jobs = Enumerable.Range(0, count).Select(_ =>
            {
                double t = 86_400 * rnd.NextDouble();
                return new FtfJob(rows[rnd.Next(classes)], 1, t, t * rnd.NextDouble(), 60 * Math.Pow(10, 1.5 + 1.5 * rnd.NextDouble()));
            }).ToArray();
            // The same jobs all fresh (t = c = 0): rho is isolated over allocated throughput, and the bisection has further to go.
            var fresh = jobs.Select(j => j with { ElapsedS = 0, IsolatedElapsedS = 0 }).ToArray();
            foreach (var (name, set) in new[] { ("in the system for a while", jobs), ("all fresh", fresh) })
            {
                FtfAllocation? answer = null;
                double median = Median(runs, () => answer = GavelFinishTimeFairness.Solve(set, capacity));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{count,6:N0} active jobs, {name}: finish-time fairness {median * 1000:0.0} ms ({answer!.Solves} LPs of {count * pools:N0} variables, max rho {answer.Rho:0.000})"));
            }
        }
    }

    /// <summary>The cluster's throughput per job class and pool, and its chips per pool.</summary>
    private static (double[][] Rows, double[] Capacity) Cluster(string gavelScenario)
    {
        var scenario = ScenarioLoader.Load(gavelScenario);
        var centre = scenario.Centres[0];
        var performance = new PerformanceModel(scenario.Performance, scenario.Catalog, centre);
        int classes = scenario.Performance.Classes.Count, pools = centre.Pools.Count;
        var rows = Enumerable.Range(0, classes).Select(c => Enumerable.Range(0, pools).Select(p => performance.Throughput(c, p)).ToArray()).ToArray();
        return (rows, centre.Pools.Select(p => (double)p.TotalChips).ToArray());
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
