using ComputeScheduler.Model.Time;
using ComputeScheduler.Model.Timeline;
using ComputeScheduler.Model.Topology;
using ComputeScheduler.Simulation.Results;
using CsCheck;

namespace ComputeScheduler.Simulation.Tests.Properties;

/// <summary>
/// Random national cases with a random timeline on top: pools entering service late, servers retiring
/// at random times (all of a pool or part), and a random porting rule. Whatever the timeline, every job
/// ends exactly once, no job runs on a server out of service, no pool is busier than its chips in
/// service, the reasons of every wait add up, and the run repeats exactly.
/// </summary>
public class TimelinePropertyTests
{
    private readonly record struct PoolDraw(int FromS, int RetireAtS, int RetireShare);

    private static readonly Gen<PoolDraw> PoolGen = Gen.Select(Gen.OneOf(0, 0, 0, 300, 3000), Gen.Int[100, 9000], Gen.OneOf(0, 0, 1, 2, 4))
        .Select((from, at, share) => new PoolDraw(from, at, share));

    private static readonly Gen<(PropertyCase Case, PoolDraw[] Pools, int Porting)> Cases =
        Gen.Select(PropertyCases.National, PoolGen.Array[12], Gen.Int[0, 3]);

    private static PropertyCase WithTimeline(PropertyCase c, PoolDraw[] draws, int porting)
    {
        int k = 0;
        var centres = c.Scenario.Centres.Select(centre => centre with
        {
            Pools = centre.Pools.Select(pool =>
            {
                var d = draws[k++ % draws.Length];
                // RetireShare of 4: none; 1, 2 and 4 retire all, half or a quarter of the pool's servers.
                int servers = d.RetireShare == 0 ? 0 : Math.Max(1, pool.ServerCount / d.RetireShare);
                return pool with
                {
                    InServiceFrom = SimTime.FromSeconds(d.FromS),
                    Retirements = servers == 0 ? [] : [new ServerRetirement(SimTime.FromSeconds(d.FromS + d.RetireAtS), servers)],
                };
            }).ToArray(),
        }).ToArray();
        PortingRule[] rules = porting switch
        {
            1 => [new PortingRule("cuda", "cann", 0, 0.7)],
            2 => [new PortingRule("cuda", "cann", 0.5, 1), new PortingRule("cann", "cuda", 1, 0.5)],
            _ => [],
        };
        var s = c.Scenario with { Centres = centres, Performance = c.Scenario.Performance with { Porting = rules } };
        return c with { Scenario = s };
    }

    [Fact]
    public void Random_timelines_never_lose_a_job_run_one_out_of_service_or_miscount_a_wait_and_repeat_exactly()
    {
        int evicted = 0, ported = 0, retiredAway = 0;
        FixedSample.Run(Cases, stream: 7, seed: 20261129, cases: 250, x =>
        {
            var c = WithTimeline(x.Case, x.Pools, x.Porting);
            var run = CaseRunner.Run(c, record: false);
            Assert.Equal(c.Jobs.Select(j => j.Id.Value).Order(), run.Outcomes.Select(o => o.Id.Value).Order());
            EngineInvariants.WaitReasonsAddUp(run);
            foreach (var o in run.Outcomes.Where(o => o.Status == JobStatus.Finished))
                RanOnServersInService(c.Scenario.Centres[o.Centre!.Value.Value], o);
            for (int i = 0; i < run.Samples.Length; i++)
                foreach (var sample in run.Samples[i])
                    Assert.True(sample.BusyChips <= sample.TotalChips + 1e-9, $"centre {i} pool {sample.Pool} at {sample.TimeUs} us: {sample.BusyChips} busy of {sample.TotalChips} in service");
            Assert.Equal(run.Outcomes.OrderBy(o => o.Id.Value), CaseRunner.Run(c, record: false).Outcomes.OrderBy(o => o.Id.Value));

            evicted += run.Outcomes.Count(o => o.Preemptions > 0);
            ported += run.Outcomes.Count(o => o.WaitTimes[WaitReason.Porting] > 0);
            retiredAway += run.Outcomes.Count(o => o.RejectReason?.Contains("retired", StringComparison.Ordinal) == true);
        });
        Assert.True(evicted > 0 && ported > 0 && retiredAway > 0, $"evicted {evicted}, waited for a port {ported}, rejected after retirements {retiredAway}");
    }

    /// <summary>The job's last run ended at its end on the servers it names: each was among its pool's servers in service then.</summary>
    private static void RanOnServersInService(CentreSpec centre, JobOutcome o)
    {
        var lastInstant = o.End - SimDuration.FromMicroseconds(1);
        foreach (var part in o.Servers.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            int server = int.Parse(part.Split(':', '.')[0], System.Globalization.CultureInfo.InvariantCulture);
            int first = 0;
            foreach (var pool in centre.Pools)
            {
                if (server < first + pool.ServerCount)
                {
                    int local = server - first;
                    Assert.True(local < pool.ServersInServiceAt(lastInstant) && o.End > pool.InServiceFrom,
                        $"job {o.Id} ran on server {server} of centre {centre.Key} until {o.End}, but only {pool.ServersInServiceAt(lastInstant)} of its pool's servers were in service (from {pool.InServiceFrom}, retiring {string.Join(", ", pool.Retirements)}; it started at {o.Start}, preempted {o.Preemptions} times)");
                    break;
                }
                first += pool.ServerCount;
            }
        }
    }
}
