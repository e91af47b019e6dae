using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Scheduling.QueueOrder.Gavel;
using ComputeScheduler.Simulation.Engine;
using ComputeScheduler.Simulation.Performance;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Scheduling.Tests.QueueOrder.Gavel;

public class GavelRoundTests
{
    private const double RoundS = GavelQueueOrder.DefaultRoundS;

    /// <summary>
    /// One 8-chip server of "ref-gpu" (pool 0) and one of "dom-npu" (pool 1). Class "train" runs at 0.25 on
    /// the NPU, "serve" at 0.9: the LP gives the NPU to serve jobs and shares the GPU between both classes.
    /// </summary>
    private static (CentreEngine Engine, GavelQueueOrder Rounds) Centre(string queueOrder, int trainJobs, int serveJobs, double roundS = RoundS,
        Func<Model.Topology.CentreSpec, Model.Topology.CentreSpec>? edit = null)
    {
        var scenario = new ScenarioBuilder()
            .WithCentre("c", "r", (ScenarioBuilder.RefServer, 1), (ScenarioBuilder.DomServer, 1))
            .Build();
        scenario = scenario with
        {
            Performance = scenario.Performance with
            {
                ThroughputOverrides = new Dictionary<(string, string), double>
                {
                    [("train", "ref-gpu")] = 1.0, [("train", "dom-npu")] = 0.25,
                    [("serve", "ref-gpu")] = 1.0, [("serve", "dom-npu")] = 0.9,
                },
            },
            Policies = new PolicySelection("least-loaded", queueOrder, GavelPlacement.PolicyName) { GavelRoundS = roundS },
        };
        var registry = PolicyRegistry.CreateBuiltIn();
        var rounds = (GavelQueueOrder)registry.CreateQueueOrder(queueOrder, scenario.Policies);
        var placement = (GavelPlacement)registry.CreatePlacement(GavelPlacement.PolicyName);
        placement.Follow(rounds);
        var centre = edit is null ? scenario.Centres[0] : edit(scenario.Centres[0]);
        var engine = new CentreEngine(centre, new PerformanceModel(scenario.Performance, scenario.Catalog, centre), rounds, placement,
            scenario.Simulation.TimeseriesInterval, PreemptionCosts.None);
        int id = 0;
        for (int i = 0; i < trainJobs; i++) engine.Submit(ScenarioBuilder.Job(id++, 0, 1, 1e7), SimTime.Zero);
        for (int i = 0; i < serveJobs; i++) engine.Submit(ScenarioBuilder.Job(id++, 0, 1, 1e7, jobClass: "serve"), SimTime.Zero);
        return (engine, rounds);
    }

    /// <summary>Per job and pool, the share of <paramref name="rounds"/> rounds the mechanism gave it there.</summary>
    private static double[][] RoundShares(CentreEngine engine, GavelQueueOrder policy, int jobs, int rounds)
    {
        var counts = new double[jobs][];
        for (int j = 0; j < jobs; j++) counts[j] = new double[2];
        for (int r = 0; r < rounds; r++)
        {
            // Just past the round's start: its pass has run.
            engine.AdvanceTo(SimTime.FromSeconds(r * RoundS + 1));
            for (int j = 0; j < jobs; j++)
            {
                int pool = policy.PlannedPool(new Model.Ids.JobId(j));
                if (pool >= 0) counts[j][pool] += 1.0 / rounds;
            }
        }
        return counts;
    }

    [Fact]
    public void Over_many_rounds_every_job_gets_its_LP_share_of_each_pool_within_a_few_rounds_in_a_hundred()
    {
        // 12 train + 12 serve jobs on 16 chips. Max-min: train 0.503 of the GPU; serve 0.164 of the GPU and 0.667 of the NPU.
        var (engine, policy) = Centre(GavelQueueOrder.LasName, 12, 12);
        var shares = RoundShares(engine, policy, 24, 120);

        var train = policy.AllocationOf(new Model.Ids.JobId(0))!;
        var serve = policy.AllocationOf(new Model.Ids.JobId(12))!;
        Assert.Equal(0.503, train[0], 2);
        Assert.Equal(0, train[1], 6);
        Assert.Equal(0.164, serve[0], 2);
        Assert.Equal(2 / 3d, serve[1], 5);
        Assert.Equal(1, policy.Allocations);
        for (int j = 0; j < 24; j++)
        {
            bool isTrain = j < 12;
            var asked = isTrain ? train : serve;
            double npuSpeed = isTrain ? 0.25 : 0.9;
            // The GPU (first in the round's order) as asked. A serve job the round puts on the GPU cannot also
            // be on the NPU: serve jobs get a little less NPU than asked, and the NPU chips they leave go to
            // train jobs at priority 0, as in Gavel's greedy round.
            Assert.InRange(shares[j][0], asked[0] - 0.03, asked[0] + 0.03);
            if (!isTrain) Assert.InRange(shares[j][1], asked[1] - 0.07, asked[1] + 0.03);
            // Throughput: at least 90 % of what the allocation promises.
            double got = shares[j][0] + npuSpeed * shares[j][1], promised = asked[0] + npuSpeed * asked[1];
            Assert.True(got >= 0.9 * promised, $"job {j}: {got:F3} of {promised:F3}");
        }
    }

    [Fact]
    public void Every_round_fills_every_chip_when_more_jobs_wait_than_there_are_chips()
    {
        var (engine, policy) = Centre(GavelQueueOrder.LasName, 12, 12);
        for (int r = 0; r < 10; r++)
        {
            engine.AdvanceTo(SimTime.FromSeconds(r * RoundS + 1));
            Assert.Equal(0, engine.Capacity.FreeChipsInPool(0));
            Assert.Equal(0, engine.Capacity.FreeChipsInPool(1));
            Assert.Equal(16, Enumerable.Range(0, 24).Count(j => policy.PlannedPool(new Model.Ids.JobId(j)) >= 0));
        }
    }

    [Fact]
    public void The_agnostic_variant_gives_every_job_the_same_share_spread_over_the_pools_by_their_chips()
    {
        // To an LP that sees both chips alike, 24 jobs share 16 chips: 2/3 each, half on each 8-chip pool.
        var (engine, policy) = Centre(GavelQueueOrder.AgnosticLasName, 12, 12);
        var shares = RoundShares(engine, policy, 24, 120);

        for (int j = 0; j < 24; j++)
        {
            var x = policy.AllocationOf(new Model.Ids.JobId(j))!;
            Assert.Equal(1 / 3d, x[0], 5);
            Assert.Equal(1 / 3d, x[1], 5);
            Assert.InRange(shares[j][0] + shares[j][1], 2 / 3d - 0.03, 2 / 3d + 0.03);
        }
    }

    [Fact]
    public void Max_sum_throughput_gives_the_whole_NPU_to_the_jobs_that_run_fastest_on_it_and_fills_both_pools()
    {
        // Serve jobs run at 0.9 on the NPU, train jobs at 0.25: every NPU chip-round goes to serve jobs.
        var (engine, policy) = Centre(GavelQueueOrder.MaxSumThroughputName, 12, 12);
        engine.AdvanceTo(SimTime.FromSeconds(1));
        var x = Enumerable.Range(0, 24).Select(j => policy.AllocationOf(new Model.Ids.JobId(j))!).ToArray();

        Assert.Equal(8, x.Skip(12).Sum(a => a[1]), 5);
        Assert.Equal(0, x.Take(12).Sum(a => a[1]), 5);
        Assert.Equal(8, x.Sum(a => a[0]), 5);
        Assert.Equal(0, engine.Capacity.FreeChipsInPool(0));
        Assert.Equal(0, engine.Capacity.FreeChipsInPool(1));
    }

    [Fact]
    public void Finish_time_fairness_gives_every_job_at_least_its_isolated_throughput_and_fills_both_pools()
    {
        // All jobs fresh (t = 0, nothing done): rho = isolated throughput / throughput under X, so the LP raises the
        // smallest throughput over the isolated one (a 1/24 share of each pool: 1/3 of time on each) above 1.
        var (engine, policy) = Centre(GavelQueueOrder.FinishTimeFairnessName, 12, 12);
        engine.AdvanceTo(SimTime.FromSeconds(1));
        var x = Enumerable.Range(0, 24).Select(j => policy.AllocationOf(new Model.Ids.JobId(j))!).ToArray();

        Assert.Equal(1, policy.Allocations);
        Assert.True(policy.LastRho < 1, $"rho {policy.LastRho}");
        for (int j = 0; j < 24; j++)
        {
            double npuSpeed = j < 12 ? 0.25 : 0.9, isolated = 1 / 3d + npuSpeed / 3;
            double rho = isolated / (x[j][0] + npuSpeed * x[j][1]);
            Assert.True(rho <= policy.LastRho + 1e-9, $"job {j}: rho {rho} over {policy.LastRho}");
        }
        Assert.Equal(8, x.Sum(a => a[0]), 5);
        Assert.Equal(8, x.Sum(a => a[1]), 5);
        Assert.Equal(0, engine.Capacity.FreeChipsInPool(0));
        Assert.Equal(0, engine.Capacity.FreeChipsInPool(1));
    }

    [Fact]
    public void Finish_time_fairness_gives_jobs_that_arrived_later_more_than_jobs_that_ran_at_their_isolated_pace()
    {
        // The GPU alone (the NPU enters service later): 8 train jobs of 5,000 s from time 0 run on its 8 chips, at their
        // isolated pace. 8 more arrive at 1,000 s and wait (no allocation until the next LP). At the next LP (2,160 s,
        // the first round 1,920 s after the first LP), old jobs have t = c = 2,160 s and 2,840 s left, isolated
        // throughput 1/2 (D = 7,840 s); new ones t = 1,160 s, c = 0, 5,000 s left (D = 10,000 s). Half each would leave
        // the new jobs behind (rho 1.116 against 1.0); rho is equal at (2160 + 2840 / (1 - x)) / 7840 = (1160 + 5000 / x) / 10000.
        var (engine, policy) = Centre(GavelQueueOrder.FinishTimeFairnessName, 0, 0, edit: c => c with
        {
            Pools = c.Pools.Select((p, i) => i == 1 ? p with { InServiceFrom = SimTime.FromSeconds(100_000) } : p).ToArray(),
        });
        for (int i = 0; i < 8; i++) engine.Submit(ScenarioBuilder.Job(i, 0, 1, 5000), SimTime.Zero);
        engine.AdvanceTo(SimTime.FromSeconds(1000));
        for (int i = 8; i < 16; i++) engine.Submit(ScenarioBuilder.Job(i, 1000, 1, 5000), SimTime.FromSeconds(1000));
        engine.AdvanceTo(SimTime.FromSeconds(2161));

        double lo = 0.5, hi = 1;
        for (int i = 0; i < 60; i++)
        {
            double mid = (lo + hi) / 2;
            if ((2160 + 2840 / (1 - mid)) / 7840 < (1160 + 5000 / mid) / 10000) lo = mid;
            else hi = mid;
        }
        Assert.Equal(2, policy.Allocations);
        // Within 1e-3: rho is bisected to 1e-4, and the chip-time that tolerance leaves over may go to one job.
        for (int j = 0; j < 16; j++)
        {
            var x = policy.AllocationOf(new Model.Ids.JobId(j))!;
            Assert.InRange(x[0], (j < 8 ? 1 - lo : lo) - 1e-3, (j < 8 ? 1 - lo : lo) + 1e-3);
            Assert.Equal(0, x[1]);
        }
        Assert.InRange(policy.LastRho, (1160 + 5000 / lo) / 10000 - 1e-3, (1160 + 5000 / lo) / 10000 + 1e-3);
    }

    [Fact]
    public void A_pool_not_yet_in_service_gets_no_share_and_the_round_runs_its_jobs_on_the_pools_in_service()
    {
        // The GPU pool enters service at 100,000 s. Counting its chips, the LP gave train jobs the GPU and the round
        // planned them there: they waited for it with the NPU idle (in a timeline property case, for good).
        var (engine, policy) = Centre(GavelQueueOrder.LasName, 12, 12, edit: c => c with
        {
            Pools = c.Pools.Select((p, i) => i == 0 ? p with { InServiceFrom = SimTime.FromSeconds(100_000) } : p).ToArray(),
        });
        engine.AdvanceTo(SimTime.FromSeconds(1));

        Assert.All(Enumerable.Range(0, 24), j => Assert.Equal(0, policy.AllocationOf(new Model.Ids.JobId(j))![0]));
        Assert.Equal(8, Enumerable.Range(0, 24).Sum(j => policy.AllocationOf(new Model.Ids.JobId(j))![1]), 5);
        Assert.Equal(0, engine.Capacity.FreeChipsInPool(1));
    }

    [Fact]
    public void Rounds_follow_the_configured_length()
    {
        var (engine, policy) = Centre(GavelQueueOrder.LasName, 12, 12, roundS: 60);
        Assert.Equal(60, policy.RoundS);
        // A round every 60 s: after 10 minutes every job has run in some round on the GPU or the NPU, and been moved.
        engine.AdvanceTo(SimTime.FromSeconds(601));
        Assert.True(engine.Preemptions >= 10 * 8, $"{engine.Preemptions} preemptions");
    }
}
