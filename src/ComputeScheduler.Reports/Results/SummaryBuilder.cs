using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Simulation.Results;
using MathNet.Numerics.Statistics;

namespace ComputeScheduler.Reports.Results;

/// <summary>Computes the <see cref="RunSummary"/> from a run's outcomes (summing in job-id order, so the result is exact and order-free).</summary>
public static class SummaryBuilder
{
    public static RunSummary Build(Scenario scenario, RunRecorder run)
    {
        var outcomes = run.Outcomes.OrderBy(o => o.Id.Value).ToArray();
        var finished = outcomes.Where(o => o.Status == JobStatus.Finished).ToArray();
        var rejected = outcomes.Where(o => o.Status == JobStatus.Rejected).ToArray();
        var reasons = rejected.GroupBy(o => o.RejectReason ?? "")
            .Select(g => new KeyValuePair<string, long>(g.Key, g.LongCount()))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).ToArray();
        double makespanS = run.Makespan.TotalSeconds;

        var busyUs = new Dictionary<(int Centre, string Chip), double>();
        foreach (var o in finished)
        {
            var key = (o.Centre!.Value.Value, o.ChipModel!);
            busyUs[key] = busyUs.GetValueOrDefault(key) + o.ChipShare * (o.End - o.Start).Microseconds;
        }
        var utilisation = new List<PoolUtilisation>();
        foreach (var centre in scenario.Centres)
            foreach (var group in centre.Pools.GroupBy(p => p.Chip.Id))
            {
                int chips = group.Sum(p => p.TotalChips);
                double busyHours = busyUs.GetValueOrDefault((centre.Id.Value, group.Key)) / 3.6e9;
                double capacityHours = chips * makespanS / 3600d;
                utilisation.Add(new PoolUtilisation(centre.Key, group.Key, chips, busyHours, capacityHours > 0 ? busyHours / capacityHours : 0));
            }

        var centres = scenario.Centres.Select(c =>
        {
            var mine = finished.Where(o => o.Centre!.Value == c.Id).ToArray();
            return new CentreTotals(c.Key, mine.Length, Sum(mine, o => o.EnergyKwh), Sum(mine, o => o.CostCny), Sum(mine, o => o.CarbonKg));
        }).ToArray();

        return new RunSummary(
            scenario.Name, scenario.Seed, scenario.Policies.Dispatch, scenario.Policies.QueueOrder, scenario.Policies.Placement,
            run.Submitted, finished.Length, rejected.Length, reasons,
            Describe(finished.Select(o => o.Wait.TotalSeconds)),
            Describe(finished.Select(o => o.Jct.TotalSeconds)),
            makespanS, run.Events,
            Sum(finished, o => o.EnergyKwh), Sum(finished, o => o.CostCny), Sum(finished, o => o.CarbonKg),
            utilisation, centres);
    }

    /// <summary>Mean and the 50th/95th/99th percentiles (MathNet's default quantile definition); zeros when empty.</summary>
    public static Distribution Describe(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        if (sorted.Length == 0) return new Distribution(0, 0, 0, 0);
        Array.Sort(sorted);
        return new Distribution(
            sorted.Mean(),
            SortedArrayStatistics.Quantile(sorted, 0.50),
            SortedArrayStatistics.Quantile(sorted, 0.95),
            SortedArrayStatistics.Quantile(sorted, 0.99));
    }

    private static double Sum<T>(IEnumerable<T> items, Func<T, double> value)
    {
        double s = 0;
        foreach (var i in items) s += value(i);
        return s;
    }
}
