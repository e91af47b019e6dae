using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Topology;
using ComputeScheduler.Simulation.Results;
using MathNet.Numerics.Statistics;

namespace ComputeScheduler.Reports.Results;

/// <summary>Seconds of waiting per reason, summed over a group's finished jobs, and each reason's share of them.</summary>
/// <param name="Seconds">Per reason, in <see cref="WaitReasons.All"/> order.</param>
public sealed record WaitReasonTotals(IReadOnlyList<double> Seconds)
{
    public double TotalSeconds => Seconds.Sum();

    public double Share(WaitReason reason) => TotalSeconds > 0 ? Seconds[(int)reason] / TotalSeconds : 0;
}

/// <summary>Waits, JCTs, queued times and wait reasons of the finished jobs of one centre, region or job class.</summary>
/// <param name="Name">The centre's key, the region or the job class.</param>
/// <param name="QueuedS">Total time queued in the centre (the first spell and every spell after a preemption).</param>
public sealed record GroupMetrics(string Name, long Jobs, Distribution WaitS, Distribution JctS, Distribution QueuedS, WaitReasonTotals Reasons)
{
    /// <summary>For a centre, its region; otherwise null.</summary>
    public string? Region { get; init; }
}

/// <summary>Inference jobs with a latency limit, and how many ran in a centre within it of their demand region.</summary>
/// <param name="StartedWithinLimit">Of those, how many also started within the limit of their submit: the request's flight to the centre and any wait together no longer than the limit.</param>
public sealed record LatencyAttainment(string Name, long Jobs, long WithinLimit, long StartedWithinLimit)
{
    public double Share => Jobs > 0 ? (double)WithinLimit / Jobs : 0;

    /// <summary>The share of <see cref="Jobs"/> that started within the limit of their submit.</summary>
    public double StartedShare => Jobs > 0 ? (double)StartedWithinLimit / Jobs : 0;
}

/// <summary>Why jobs waited, and the distributions per centre, region and job class (summary.json "waits"; docs/results.md).</summary>
public sealed record WaitBreakdown(
    Distribution QueuedS,
    WaitReasonTotals Reasons,
    long Preemptions,
    long Migrations,
    IReadOnlyList<GroupMetrics> ByCentre,
    IReadOnlyList<GroupMetrics> ByRegion,
    IReadOnlyList<GroupMetrics> ByClass,
    LatencyAttainment Latency,
    IReadOnlyList<LatencyAttainment> LatencyByDemandRegion)
{
    /// <summary>
    /// Takes the outcomes one by one in job-id order (within <see cref="SummaryBuilder"/>'s one pass),
    /// so every sum adds in the same order whatever the delivery order.
    /// </summary>
    public sealed class Builder
    {
        private readonly Scenario _scenario;
        private readonly Accumulator _all = new(0);
        private readonly Accumulator[] _centres;
        private readonly Dictionary<string, Accumulator> _regions = new(StringComparer.Ordinal);
        private readonly Accumulator[] _regionOfCentre;
        private readonly Dictionary<string, Accumulator> _classes = new(StringComparer.Ordinal);
        private readonly Dictionary<string, double[]> _latencyMs = new(StringComparer.Ordinal);  // demand region -> latency to each centre
        private readonly SortedDictionary<string, (long Jobs, long Within, long Started)> _latency = new(StringComparer.Ordinal);
        private long _preemptions, _migrations;

        public Builder(Scenario scenario) : this(scenario, 0) { }

        /// <param name="expectedJobs">The outcomes to come (the most finished jobs): the times of the finished jobs are kept in arrays of that length.</param>
        public Builder(Scenario scenario, long expectedJobs)
        {
            _scenario = scenario;
            _centres = scenario.Centres.Select((_, i) => new Accumulator(i)).ToArray();
            _regionOfCentre = scenario.Centres.Select(c => Of(_regions, c.Region)).ToArray();
            foreach (var d in scenario.DemandRegions)
                _latencyMs[d.Key] = scenario.Centres.Select(c => WanMap.LatencyMs(d, c, scenario.Wan)).ToArray();
            Times = new FinishedTimes(expectedJobs);
        }

        /// <summary>The wait, JCT and queued time of every finished job so far, in job-id order.</summary>
        internal FinishedTimes Times { get; }

        /// <summary>Counts a finished job; other outcomes are skipped.</summary>
        public void Add(JobOutcome o)
        {
            if (o.Status != JobStatus.Finished) return;
            var centre = _scenario.Centres[o.Centre!.Value.Value];
            var jobClass = Of(_classes, o.JobClass);
            Times.Add(o, centre.Id.Value, jobClass.Index);
            _all.Add(o);
            _centres[centre.Id.Value].Add(o);
            _regionOfCentre[centre.Id.Value].Add(o);
            jobClass.Add(o);
            _preemptions += o.Preemptions;
            _migrations += o.Migrations;
            if (o.Kind == JobKind.Inference && o.LatencyLimitMs is { } limit && o.DemandRegion is { } key && _latencyMs.TryGetValue(key, out var toCentre))
            {
                var (jobs, within, started) = _latency.GetValueOrDefault(key);
                bool near = toCentre[centre.Id.Value] <= limit;
                _latency[key] = (jobs + 1, within + (near ? 1 : 0), started + (near && o.Wait.Microseconds <= limit * 1000 ? 1 : 0));
            }
        }

        public WaitBreakdown Build()
        {
            var byDemand = _latency.Select(l => new LatencyAttainment(l.Key, l.Value.Jobs, l.Value.Within, l.Value.Started)).ToArray();
            var centres = Metrics(_centres, Enumerable.Range(0, _centres.Length).ToArray(), _scenario.Centres.Select(c => c.Key).ToArray());
            var regions = Metrics(Indexed(_regions), _regionOfCentre.Select(r => r.Index).ToArray(), Names(_regions));
            var classes = Metrics(Indexed(_classes), null, Names(_classes));
            return new WaitBreakdown(
                Describe(Times.Seconds(FinishedTimes.Metric.Queued)), _all.Totals(), _preemptions, _migrations,
                _scenario.Centres.Select(c => centres[c.Id.Value] with { Region = c.Region }).ToArray(),
                Sorted(_regions, regions), Sorted(_classes, classes),
                new LatencyAttainment("all", byDemand.Sum(l => l.Jobs), byDemand.Sum(l => l.WithinLimit), byDemand.Sum(l => l.StartedWithinLimit)),
                byDemand);
        }

        /// <summary>The metrics of each group of a kind, by the group's index; one metric at a time, into the same arrays.</summary>
        private GroupMetrics[] Metrics(Accumulator[] groups, int[]? groupOfCentre, string[] names)
        {
            var describe = new Distribution[3][];
            var arrays = Times.GroupArrays(groupOfCentre, groups.Length);
            foreach (var metric in new[] { FinishedTimes.Metric.Wait, FinishedTimes.Metric.Jct, FinishedTimes.Metric.Queued })
            {
                Times.FillByGroup(metric, groupOfCentre, arrays);
                describe[(int)metric] = arrays.Select(Describe).ToArray();
            }
            return groups.Select((g, i) => new GroupMetrics(names[i], g.Jobs, describe[0][i], describe[1][i], describe[2][i], g.Totals())).ToArray();
        }

        private static Accumulator[] Indexed(Dictionary<string, Accumulator> groups) => groups.Values.OrderBy(a => a.Index).ToArray();

        private static string[] Names(Dictionary<string, Accumulator> groups) => groups.OrderBy(g => g.Value.Index).Select(g => g.Key).ToArray();
    }

    /// <summary>
    /// Mean (summed in job-id order) and the 50th/95th/99th percentiles by MathNet's default quantile
    /// definition (R8, as <see cref="SummaryBuilder.Describe"/>), found by selection rather than a full sort.
    /// </summary>
    /// <param name="data">The values in job-id order; reordered.</param>
    private static Distribution Describe(double[] data)
    {
        if (data.Length == 0) return new Distribution(0, 0, 0, 0);
        double sum = 0;
        foreach (double v in data) sum += v;
        double p50 = ArrayStatistics.QuantileInplace(data, 0.50);
        double p95 = ArrayStatistics.QuantileInplace(data, 0.95);
        double p99 = ArrayStatistics.QuantileInplace(data, 0.99);
        return new Distribution(sum / data.Length, p50, p95, p99);
    }

    /// <summary>The groups with jobs, in ordinal order of their names.</summary>
    private static GroupMetrics[] Sorted(Dictionary<string, Accumulator> groups, GroupMetrics[] byIndex)
        => groups.Where(g => g.Value.Jobs > 0).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => byIndex[g.Value.Index]).ToArray();

    private static Accumulator Of(Dictionary<string, Accumulator> groups, string key)
    {
        if (!groups.TryGetValue(key, out var a)) groups[key] = a = new Accumulator(groups.Count);
        return a;
    }

    /// <summary>A group's finished jobs and waits per reason; <see cref="Index"/> numbers the groups of a kind in the order they were met.</summary>
    private sealed class Accumulator(int index)
    {
        private readonly long[] _us = new long[WaitReasons.Count];

        public int Index => index;

        public long Jobs { get; private set; }

        public void Add(JobOutcome o)
        {
            Jobs++;
            foreach (var r in WaitReasons.All) _us[(int)r] += o.WaitTimes[r];
        }

        public WaitReasonTotals Totals() => new(_us.Select(us => us / 1_000_000d).ToArray());
    }
}
