using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Results;
using MathNet.Numerics.Statistics;

namespace ComputeScheduler.Reports.Results;

/// <summary>Computes the <see cref="RunSummary"/> from a run's outcomes (summing in job-id order, so the result is exact and order-free).</summary>
public static class SummaryBuilder
{
    public static RunSummary Build(Scenario scenario, RunRecorder run)
    {
        // One pass in job-id order: every sum adds in the same order whatever the delivery order.
        long finished = 0, rejected = 0;
        var reasons = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var busyUs = new Dictionary<(int Centre, string Chip), double>();
        var perCentre = new (long Jobs, double Energy, double Cost, double Carbon)[scenario.Centres.Count];
        double energy = 0, carbon = 0;
        var costs = new CostBreakdown(scenario);
        var waitBreakdown = new WaitBreakdown.Builder(scenario, run.OutcomeCount); // keeps the finished jobs' waits and JCTs
        var transfers = new SortedDictionary<(string From, string To), (long Jobs, double Gb)>(Comparer<(string From, string To)>.Create((a, b) =>
            string.CompareOrdinal(a.From, b.From) is var c and not 0 ? c : string.CompareOrdinal(a.To, b.To)));
        foreach (var o in run.OutcomesInIdOrder())
        {
            costs.Add(o);
            if (o.WanFrom is { } from && o.Centre is { } to)
            {
                var pair = (from, scenario.Centres[to.Value].Key);
                var t = transfers.GetValueOrDefault(pair);
                transfers[pair] = (t.Jobs + 1, t.Gb + o.WanTransferGb);
            }
            waitBreakdown.Add(o);
            if (o.Status == JobStatus.Rejected)
            {
                rejected++;
                string reason = o.RejectReason ?? "";
                reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
                continue;
            }
            if (o.Status != JobStatus.Finished) continue;
            finished++;
            var key = (o.Centre!.Value.Value, o.ChipModel!);
            busyUs[key] = busyUs.GetValueOrDefault(key) + o.ChipShare * (o.End - o.Start).Microseconds;
            ref var c = ref perCentre[o.Centre!.Value.Value];
            c = (c.Jobs + 1, c.Energy + o.EnergyKwh, c.Cost + o.CostCny, c.Carbon + o.CarbonKg);
            energy += o.EnergyKwh;
            carbon += o.CarbonKg;
        }
        double makespanS = run.Makespan.TotalSeconds;
        var cost = costs.Build(run.Makespan);

        var utilisation = new List<PoolUtilisation>();
        foreach (var centre in scenario.Centres)
            foreach (var group in centre.Pools.GroupBy(p => p.Chip.Id))
            {
                int chips = group.Sum(p => p.TotalChips);
                double busyHours = busyUs.GetValueOrDefault((centre.Id.Value, group.Key)) / 3.6e9;
                // Chip-hours in service over the run: a pool added or retired by the timeline counts only while it serves.
                double capacityHours = group.Sum(p => p.ServerHoursInService(SimTime.Zero, run.Makespan) * p.Server.ChipsPerServer);
                utilisation.Add(new PoolUtilisation(centre.Key, group.Key, chips, busyHours, capacityHours > 0 ? busyHours / capacityHours : 0)
                {
                    ChipHoursInService = capacityHours,
                });
            }

        var centres = scenario.Centres.Select(c =>
        {
            var t = perCentre[c.Id.Value];
            return new CentreTotals(c.Key, t.Jobs, t.Energy, cost.Centres[c.Id.Value].Total.TotalCny, t.Carbon);
        }).ToArray();

        return new RunSummary(
            scenario.Name, scenario.Seed, scenario.Policies.Dispatch, scenario.Policies.QueueOrder, scenario.Policies.Placement,
            run.Submitted, finished, rejected, reasons.ToArray(),
            DescribeInPlace(waitBreakdown.Times.Seconds(FinishedTimes.Metric.Wait)), DescribeInPlace(waitBreakdown.Times.Seconds(FinishedTimes.Metric.Jct)),
            makespanS, run.Events,
            energy, cost.Total.TotalCny, carbon,
            utilisation, centres)
        {
            Overrides = scenario.Overrides,
            WanTransfers = [.. transfers.Select(t => new WanTransfer(t.Key.From, t.Key.To, t.Value.Jobs, t.Value.Gb))],
            Cost = cost,
            Waits = waitBreakdown.Build(),
        };
    }

    /// <summary>Mean and the 50th/95th/99th percentiles (MathNet's default quantile definition); zeros when empty.</summary>
    public static Distribution Describe(IEnumerable<double> values) => DescribeInPlace(values.ToArray());

    /// <summary><see cref="Describe"/> of an array of its own, which it sorts.</summary>
    private static Distribution DescribeInPlace(double[] sorted)
    {
        if (sorted.Length == 0) return new Distribution(0, 0, 0, 0);
        Array.Sort(sorted);
        return new Distribution(
            sorted.Mean(),
            SortedArrayStatistics.Quantile(sorted, 0.50),
            SortedArrayStatistics.Quantile(sorted, 0.95),
            SortedArrayStatistics.Quantile(sorted, 0.99));
    }
}
