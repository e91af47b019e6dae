using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Topology;
using ComputeScheduler.Simulation.Results;

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
public sealed record LatencyAttainment(string Name, long Jobs, long WithinLimit)
{
    public double Share => Jobs > 0 ? (double)WithinLimit / Jobs : 0;
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
    /// <summary>One pass over the finished jobs in job-id order, so every sum adds in the same order.</summary>
    public static WaitBreakdown Build(Scenario scenario, IEnumerable<JobOutcome> inIdOrder)
    {
        var all = new Accumulator();
        var centres = scenario.Centres.Select(_ => new Accumulator()).ToArray();
        var regions = new SortedDictionary<string, Accumulator>(StringComparer.Ordinal);
        var classes = new SortedDictionary<string, Accumulator>(StringComparer.Ordinal);
        var demand = scenario.DemandRegions.ToDictionary(d => d.Key, StringComparer.Ordinal);
        var latency = new SortedDictionary<string, (long Jobs, long Within)>(StringComparer.Ordinal);
        long preemptions = 0, migrations = 0;
        foreach (var o in inIdOrder)
        {
            if (o.Status != JobStatus.Finished) continue;
            var centre = scenario.Centres[o.Centre!.Value.Value];
            all.Add(o);
            centres[centre.Id.Value].Add(o);
            Of(regions, centre.Region).Add(o);
            Of(classes, o.JobClass).Add(o);
            preemptions += o.Preemptions;
            migrations += o.Migrations;
            if (o.Kind == JobKind.Inference && o.LatencyLimitMs is { } limit && o.DemandRegion is { } key && demand.TryGetValue(key, out var region))
            {
                var (jobs, within) = latency.GetValueOrDefault(key);
                latency[key] = (jobs + 1, within + (WanMap.LatencyMs(region, centre, scenario.Wan) <= limit ? 1 : 0));
            }
        }
        var byDemand = latency.Select(l => new LatencyAttainment(l.Key, l.Value.Jobs, l.Value.Within)).ToArray();
        return new WaitBreakdown(
            SummaryBuilder.Describe(all.Queued), all.Totals(), preemptions, migrations,
            scenario.Centres.Select(c => centres[c.Id.Value].Metrics(c.Key) with { Region = c.Region }).ToArray(),
            regions.Select(r => r.Value.Metrics(r.Key)).ToArray(),
            classes.Select(c => c.Value.Metrics(c.Key)).ToArray(),
            new LatencyAttainment("all", byDemand.Sum(l => l.Jobs), byDemand.Sum(l => l.WithinLimit)),
            byDemand);
    }

    private static Accumulator Of(SortedDictionary<string, Accumulator> groups, string key)
    {
        if (!groups.TryGetValue(key, out var a)) groups[key] = a = new Accumulator();
        return a;
    }

    private sealed class Accumulator
    {
        public readonly List<double> Waits = new(), Jcts = new(), Queued = new();
        private readonly long[] _us = new long[WaitReasons.Count];

        public void Add(JobOutcome o)
        {
            Waits.Add(o.Wait.TotalSeconds);
            Jcts.Add(o.Jct.TotalSeconds);
            Queued.Add(o.Queued.TotalSeconds);
            foreach (var r in WaitReasons.All) _us[(int)r] += o.WaitTimes[r];
        }

        public WaitReasonTotals Totals() => new(_us.Select(us => us / 1_000_000d).ToArray());

        public GroupMetrics Metrics(string name)
            => new(name, Waits.Count, SummaryBuilder.Describe(Waits), SummaryBuilder.Describe(Jcts), SummaryBuilder.Describe(Queued), Totals());
    }
}
