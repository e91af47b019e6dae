using System.Collections.Immutable;
using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.National;
using ComputeScheduler.Simulation.Policies;
using ComputeScheduler.Simulation.Results;
using ComputeScheduler.Testing;
using static ComputeScheduler.Testing.ScenarioBuilder;

namespace ComputeScheduler.Scheduling.Tests.Dispatch;

/// <summary>
/// The dispatcher builds each round's centre views once per shape of job and keeps them up to date
/// as it sends jobs. These tests pin that it offers the policy exactly the views, and so takes exactly
/// the decisions, of the plain rule that builds them job by job.
/// </summary>
public class ViewsByShapeTests
{
    private static readonly string[] Regions = ["east", "west", "north"];

    /// <summary>Records every offer and picks a centre (or holds the job) by a hash of the job and round.</summary>
    private sealed class RecordingPolicy : IDispatchPolicy
    {
        public readonly List<(long Job, CentreView[] Views)> Offers = new();
        public string Name => "recording";

        public DispatchDecision Dispatch(JobSpec job, ReadOnlySpan<CentreView> eligible) => throw new InvalidOperationException();

        public DispatchDecision Dispatch(SimTime now, JobSpec job, ReadOnlySpan<CentreView> eligible)
        {
            Offers.Add((job.Id.Value, eligible.ToArray()));
            int pick = (int)((job.Id.Value * 7919 + now.Microseconds / 1_000_000 * 31) % (eligible.Length + 1));
            return pick == eligible.Length ? DispatchDecision.Wait : DispatchDecision.To(eligible[pick].Centre);
        }
    }

    private static Scenario RandomScenario(Random r)
    {
        var b = new ScenarioBuilder();
        for (int c = 0; c < 12; c++)
        {
            var pools = new List<(Model.Chips.ServerModel, int)>();
            if (r.Next(4) > 0) pools.Add((RefServer, r.Next(0, 6)));
            if (r.Next(3) > 0) pools.Add((DomServer, r.Next(0, 6)));
            if (pools.Count == 0) pools.Add((RefServer, 1));
            b.WithCentre("c" + c, Regions[r.Next(Regions.Length)], [.. pools]);
        }
        var s = b.Build();
        return s with { Performance = s.Performance with { Porting = [new Model.Timeline.PortingRule("cuda", "cann", 24, 0.5)] } };
    }

    private static CentreReport RandomReport(Scenario s, int centre, SimTime now, Random r)
    {
        var pools = s.Centres[centre].Pools.Select(p =>
        {
            int total = r.Next(5) == 0 ? 0 : p.TotalChips;   // now and then a pool with no live chips
            return new PoolReport(p.Chip.Id, p.Chip.SoftwareStack, total, r.Next(total + 1));
        }).ToImmutableArray();
        return new CentreReport(new CentreId(centre), now - SimDuration.FromSeconds(r.Next(0, 120)), SimTime.MaxValue,
            r.Next(10), r.Next(0, 64), 0, 0, pools);
    }

    private static JobSpec RandomJob(Scenario s, long id, SimTime submit, Random r)
    {
        T Pick<T>(params T[] xs) => xs[r.Next(xs.Length)];
        return new JobSpec(new JobId(id), submit, 0, JobKind.Training, "train",
            Chips: Pick(0, 1, 2, 4, 8, 8, 16, 32, 48, 400),
            ChipModel: Pick<string?>(null, null, "ref-gpu", "dom-npu", "ref-gpu|dom-npu", "other"),
            SoftwareStack: Pick<string?>(null, null, "cuda", "cann", "musa"),
            WorkReferenceChipSeconds: 3600, Priority: 0,
            DataRegion: Pick<string?>(null, "east", "west"),
            DataSizeGb: r.Next(0, 5000),
            IsDataRestricted: r.Next(3) == 0,
            DemandRegion: Pick<string?>(null, null, "d-east", "d-west", "d-nowhere"),
            LatencyLimitMs: Pick<double?>(null, null, 1, 8, 20),
            TargetCentre: r.Next(40) == 0 ? new CentreId(r.Next(s.Centres.Count)) : null,
            DataCentre: Pick<string?>(null, null, null, "c0", "c5", "c11", "missing"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Views_built_once_per_shape_and_round_are_the_views_built_job_by_job(int seed)
    {
        var r = new Random(seed);
        var s = RandomScenario(r);
        var (plainPolicy, shapePolicy) = (new RecordingPolicy(), new RecordingPolicy());
        var plain = new NationalDispatcher(s.Centres, s.DemandRegions, s.Wan, plainPolicy, s.Performance) { ViewsByShape = false };
        var byShape = new NationalDispatcher(s.Centres, s.DemandRegions, s.Wan, shapePolicy, s.Performance);
        long id = 0;
        CentreReport[]? last = null;
        for (int round = 1; round <= 40; round++)
        {
            var now = SimTime.FromSeconds(60 * round);
            // Half the centres report what they reported last round (the views kept from it must serve again).
            var reports = Enumerable.Range(0, s.Centres.Count)
                .Select(c => last is not null && r.Next(2) == 0 ? last[c] with { Reached = now } : RandomReport(s, c, now, r)).ToArray();
            last = reports;
            var jobs = Enumerable.Range(0, r.Next(0, 60)).Select(_ => RandomJob(s, id++, now, r)).ToArray();

            var expected = plain.Dispatch(now, jobs, reports);
            var actual = byShape.Dispatch(now, jobs, reports);

            Assert.Equal(Describe(expected), Describe(actual));
            Assert.Equal(plain.Waiting, byShape.Waiting);
        }
        Assert.True(plainPolicy.Offers.Count > 500, $"only {plainPolicy.Offers.Count} offers");
        Assert.Equal(plainPolicy.Offers.Count, shapePolicy.Offers.Count);
        for (int i = 0; i < plainPolicy.Offers.Count; i++)
        {
            Assert.Equal(plainPolicy.Offers[i].Job, shapePolicy.Offers[i].Job);
            Assert.Equal(plainPolicy.Offers[i].Views, shapePolicy.Offers[i].Views);
        }
    }

    private static string[] Describe(DispatchRound round)
        => round.Assigned.Select(a => $"{a.Job.Id.Value}->{a.Centre.Value} at {a.Arrival.Microseconds} ({a.Dispatched.Microseconds}, {a.FirstRound.Microseconds})")
            .Concat(round.Rejected.Select(o => $"{o.Id.Value} rejected: {o.RejectReason}"))
            .ToArray();
}
