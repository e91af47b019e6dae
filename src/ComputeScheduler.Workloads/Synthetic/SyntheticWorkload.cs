using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Model.Topology;
using MathNet.Numerics.Distributions;

namespace ComputeScheduler.Workloads.Synthetic;

/// <summary>
/// The synthetic workload of a scenario as a stream of jobs in submit order (ids 0..N-1).
/// Each attribute has its own random stream (see <see cref="RandomStreams"/>):
/// arrivals with a daily cycle; class by share; chips a power of two, log-uniform in the class's
/// range; runtime on reference chips log-normal; a required software stack by the class's
/// shares; demand region by share (its region holds the data, restricted by the class's share);
/// tenant Zipf(1.1). Work = runtime x chips x scaling efficiency, so a job on reference chips in
/// one scale-up domain runs for its drawn runtime. Delay tolerance (by the class's share, up to its
/// maxDelayHours) and a data centre (by the class's share, one of its data region's centres, uniformly)
/// have streams of their own, so classes without them draw the same jobs as before they existed.
/// Demand growth from the scenario's timeline thins a denser stream: <c>jobs</c> x G candidates
/// are drawn (G the largest multiplier any class and region reaches) and each is kept with
/// probability multiplier(class, region, submit time) / G, from a stream of its own; so
/// <c>jobs</c> is the count at the base demand, and a scenario without growth draws exactly the
/// jobs it drew before timelines existed.
/// </summary>
public static class SyntheticWorkload
{
    public static IEnumerable<JobSpec> Generate(Scenario scenario)
    {
        var spec = scenario.Workload;
        int seed = scenario.Seed;
        var arrivals = new DiurnalArrivals(spec.DurationDays * 86_400d, spec.DiurnalAmplitude);
        var classPick = new Categorical(spec.Classes.Select(c => c.Share).ToArray(), RandomStreams.For(seed, "workload.class"));
        var sizeRandom = RandomStreams.For(seed, "workload.chips");
        var runtimeRandom = RandomStreams.For(seed, "workload.runtime");
        var stackRandom = RandomStreams.For(seed, "workload.stack");
        var dataRandom = RandomStreams.For(seed, "workload.data");
        var regionPick = new Categorical(scenario.DemandRegions.Select(d => d.DemandShare).ToArray(), RandomStreams.For(seed, "workload.region"));
        var tenantPick = new ZipfDraws(1.1, spec.Tenants, RandomStreams.For(seed, "workload.tenant"));
        var delayRandom = RandomStreams.For(seed, "workload.delay");
        var dataCentreRandom = RandomStreams.For(seed, "workload.data-centre");
        var centresByRegion = scenario.DemandRegions.Select(d => d.Region).Distinct()
            .ToDictionary(r => r, r => scenario.Centres.Where(c => c.Region == r).Select(c => c.Key).ToArray(), StringComparer.Ordinal);
        var classes = spec.Classes.Select(c => scenario.Performance.Classes.First(x => x.Name == c.JobClass)).ToArray();

        CentreId? target = spec.TargetCentre is null ? null : scenario.Centres.First(c => c.Key == spec.TargetCentre).Id;
        var timeline = scenario.Timeline;
        double maxGrowth = MaxGrowth(scenario);
        var growthRandom = timeline.DemandGrowth.Count > 0 ? RandomStreams.For(seed, "workload.growth") : null;
        long id = 0;
        foreach (double t in arrivals.Times(Candidates(scenario), RandomStreams.For(seed, "workload.arrivals")))
        {
            int ci = classPick.Sample();
            var wc = spec.Classes[ci];
            int chips = PowerOfTwoSize(wc.MinChips, wc.MaxChips, sizeRandom);
            double runtimeS = LogNormalSample(wc.RuntimeHours, runtimeRandom) * 3600d;
            string? stack = PickStack(wc.StackShares, stackRandom.NextDouble());
            DemandRegion region = scenario.DemandRegions[regionPick.Sample()];
            bool restricted = dataRandom.NextDouble() < wc.RestrictedDataShare;
            double dataGb = LogNormalSample(wc.DataSizeGb, dataRandom);
            double work = runtimeS * chips * classes[ci].ScalingEfficiency(chips);
            double? maxDelayS = delayRandom.NextDouble() < wc.DelayTolerantShare ? wc.MaxDelayHours * 3600d : null;
            string? dataCentre = null;
            if (dataCentreRandom.NextDouble() < wc.DataAtCentreShare && centresByRegion[region.Region] is { Length: > 0 } holders)
                dataCentre = holders[dataCentreRandom.Next(holders.Length)];
            var submit = SimTime.FromMicroseconds((long)Math.Floor(t * 1_000_000d));
            int tenant = tenantPick.Sample() - 1;
            if (growthRandom is not null && growthRandom.NextDouble() * maxGrowth >= timeline.DemandFactor(wc.JobClass, region.Key, submit)) continue;
            yield return new JobSpec(
                new JobId(id++),
                submit,
                tenant,
                wc.Kind,
                wc.JobClass,
                chips,
                ChipModel: null,
                SoftwareStack: stack,
                WorkReferenceChipSeconds: work,
                Priority: 0,
                DataRegion: region.Region,
                DataSizeGb: dataGb,
                IsDataRestricted: restricted,
                DemandRegion: region.Key,
                LatencyLimitMs: wc.LatencyLimitMs,
                TargetCentre: target,
                MaxDelayS: maxDelayS,
                DataCentre: dataCentre);
        }
    }

    /// <summary>The largest demand multiplier any job of the workload reaches (1 without growth).</summary>
    public static double MaxGrowth(Scenario scenario)
        => scenario.Timeline.DemandGrowth.Count == 0 ? 1
            : scenario.Timeline.MaxDemandFactor(scenario.Workload.Classes.Select(c => c.JobClass), scenario.DemandRegions.Select(d => (string?)d.Key));

    /// <summary>Candidate arrivals drawn before growth thins them: the job count at base demand times <see cref="MaxGrowth"/>.</summary>
    public static int Candidates(Scenario scenario)
    {
        double n = Math.Ceiling(scenario.Workload.Jobs * MaxGrowth(scenario));
        return n > int.MaxValue ? int.MaxValue : (int)n;
    }

    /// <summary>A power of two between min and max (inclusive), log-uniform; min itself when the range holds none.</summary>
    public static int PowerOfTwoSize(int min, int max, Random random)
    {
        int lo = (int)Math.Ceiling(Math.Log2(min));
        int hi = (int)Math.Floor(Math.Log2(max));
        if (hi < lo) return min;
        return 1 << random.Next(lo, hi + 1);
    }

    private static double LogNormalSample(LogNormalSpec spec, Random random)
        => spec.Sigma == 0 ? spec.Median : LogNormal.Sample(random, Math.Log(spec.Median), spec.Sigma);

    private static string? PickStack(IReadOnlyList<KeyValuePair<string, double>> shares, double u)
    {
        double acc = 0;
        foreach (var (stack, share) in shares)
        {
            acc += share;
            if (u < acc) return stack;
        }
        return null;
    }
}
