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
        var pass = new Pass(scenario, run);
        foreach (var o in run.OutcomesInIdOrder()) pass.Add(o);
        return pass.Build();
    }

    /// <summary>
    /// The summary's one pass over the outcomes in job-id order (every sum adds in the same order whatever
    /// the delivery order), to be fed by <see cref="Build(Scenario, RunRecorder)"/> or by a writer reading them anyway (<see cref="Over"/>).
    /// </summary>
    internal sealed class Pass(Scenario scenario, RunRecorder run)
    {
        private long _finished, _rejected;
        private readonly SortedDictionary<string, long> _reasons = new(StringComparer.Ordinal);
        private readonly Dictionary<(int Centre, string Chip), double> _busyUs = new();
        private readonly (long Jobs, double Energy, double Cost, double Carbon)[] _perCentre = new (long, double, double, double)[scenario.Centres.Count];
        private double _energy, _carbon;
        private readonly CostBreakdown _costs = new(scenario);
        private readonly WaitBreakdown.Builder _waitBreakdown = new(scenario, run.OutcomeCount); // keeps the finished jobs' waits and JCTs
        private readonly SortedDictionary<(string From, string To), (long Jobs, double Gb)> _transfers = new(Comparer<(string From, string To)>.Create((a, b) =>
            string.CompareOrdinal(a.From, b.From) is var c and not 0 ? c : string.CompareOrdinal(a.To, b.To)));

        /// <summary>Outcomes added so far.</summary>
        public long Count { get; private set; }

        /// <summary>The outcomes, each added to the summary as it passes.</summary>
        public IEnumerable<JobOutcome> Over(IEnumerable<JobOutcome> inIdOrder)
        {
            foreach (var o in inIdOrder)
            {
                Add(o);
                yield return o;
            }
        }

        public void Add(JobOutcome o)
        {
            Count++;
            _costs.Add(o);
            if (o.WanFrom is { } from && o.Centre is { } to)
            {
                var pair = (from, scenario.Centres[to.Value].Key);
                var t = _transfers.GetValueOrDefault(pair);
                _transfers[pair] = (t.Jobs + 1, t.Gb + o.WanTransferGb);
            }
            _waitBreakdown.Add(o);
            if (o.Status == JobStatus.Rejected)
            {
                _rejected++;
                string reason = o.RejectReason ?? "";
                _reasons[reason] = _reasons.GetValueOrDefault(reason) + 1;
                return;
            }
            if (o.Status != JobStatus.Finished) return;
            _finished++;
            var key = (o.Centre!.Value.Value, o.ChipModel!);
            _busyUs[key] = _busyUs.GetValueOrDefault(key) + o.ChipShare * (o.End - o.Start).Microseconds;
            ref var c = ref _perCentre[o.Centre!.Value.Value];
            c = (c.Jobs + 1, c.Energy + o.EnergyKwh, c.Cost + o.CostCny, c.Carbon + o.CarbonKg);
            _energy += o.EnergyKwh;
            _carbon += o.CarbonKg;
        }

        public RunSummary Build()
        {
            double makespanS = run.Makespan.TotalSeconds;
            var cost = _costs.Build(run.Makespan);

            var utilisation = new List<PoolUtilisation>();
            foreach (var centre in scenario.Centres)
                foreach (var group in centre.Pools.GroupBy(p => p.Chip.Id))
                {
                    int chips = group.Sum(p => p.TotalChips);
                    double busyHours = _busyUs.GetValueOrDefault((centre.Id.Value, group.Key)) / 3.6e9;
                    // Chip-hours in service over the run: a pool added or retired by the timeline counts only while it serves.
                    double capacityHours = group.Sum(p => p.ServerHoursInService(SimTime.Zero, run.Makespan) * p.Server.ChipsPerServer);
                    utilisation.Add(new PoolUtilisation(centre.Key, group.Key, chips, busyHours, capacityHours > 0 ? busyHours / capacityHours : 0)
                    {
                        ChipHoursInService = capacityHours,
                    });
                }

            var centres = scenario.Centres.Select(c =>
            {
                var t = _perCentre[c.Id.Value];
                return new CentreTotals(c.Key, t.Jobs, t.Energy, cost.Centres[c.Id.Value].Total.TotalCny, t.Carbon);
            }).ToArray();

            var times = _waitBreakdown.Times;
            return new RunSummary(
                scenario.Name, scenario.Seed, scenario.Policies.Dispatch, scenario.Policies.QueueOrder, scenario.Policies.Placement,
                run.Submitted, _finished, _rejected, _reasons.ToArray(),
                DescribeInPlace(times.Seconds(FinishedTimes.Metric.Wait)), DescribeInPlace(times.Seconds(FinishedTimes.Metric.Jct)),
                makespanS, run.Events,
                _energy, cost.Total.TotalCny, _carbon,
                utilisation, centres)
            {
                Overrides = scenario.Overrides,
                WanTransfers = [.. _transfers.Select(t => new WanTransfer(t.Key.From, t.Key.To, t.Value.Jobs, t.Value.Gb))],
                Cost = cost,
                Waits = _waitBreakdown.Build(),
            };
        }
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
