using System.Globalization;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Scheduling.QueueOrder.Gavel;
using ComputeScheduler.Testing;
using ComputeScheduler.Workloads.Scenarios;
using Xunit.Abstractions;

namespace ComputeScheduler.Validation.Tests;

/// <summary>
/// Gavel (OSDI'20, Figure 8): its heterogeneity-aware LAS (<c>gavel-las</c>) against the
/// heterogeneity-agnostic LAS it compares with (<c>gavel-las-agnostic</c>: the same LP with every
/// throughput equal), both with Gavel's rounds, on the 36 V100 : 36 P100 : 36 K80 cluster with Gavel's
/// measured throughputs and its continuous-single workload; mean JCT of jobs 4,000-4,999 against the
/// input rate. Protocol, published figures, tolerance and differences: docs/validation.md, "Gavel".
/// </summary>
public class GavelValidationTests(ITestOutputHelper output)
{
    /// <summary>Gavel's measured window: jobs 4,000-4,999 of a stream that keeps arriving until they are all done.</summary>
    public const int WindowFrom = 4000, WindowTo = 5000;

    /// <summary>The rate of the published ratio, and the mean JCTs (h) Gavel's notebook prints there for LAS and Gavel's LAS.</summary>
    public const double PublishedRate = 5.6, PublishedAgnosticH = 95.99, PublishedAwareH = 28.96;

    /// <summary>A rate "diverges" for a policy when its mean JCT passes this multiple of its mean JCT at the lowest rate.</summary>
    public const double DivergedFactor = 1.5;

    internal static Scenario GavelScenario()
    {
        var s = ScenarioLoader.Load(RepoPaths.Topology("gavel-108.yaml"));
        return s with { Simulation = s.Simulation with { Preemption = PreemptionCosts.None } };
    }

    /// <summary>
    /// Mean JCT (h) of the window's jobs: jobs arrive at <paramref name="rate"/> per hour and the run
    /// stops when the window's last job is done (as Gavel's simulator does). Infinity when a stream of
    /// three times the window's end ran out first: the policy has diverged at that rate (Gavel's
    /// notebook has no value either, for agnostic LAS at 6 jobs/h).
    /// </summary>
    internal static double MeanJctH(Scenario scenario, string queueOrder, double rate, int seed, PolicyRegistry? registry = null)
    {
        scenario = scenario with { Policies = new PolicySelection("least-loaded", queueOrder, GavelPlacement.PolicyName) };
        var types = scenario.Performance.Classes.Select(c => c.Name).ToArray();
        var jobs = GavelWorkload.Generate(types, rate, 3 * WindowTo, seed);
        var engine = CentreEngineFactory.Create(scenario, scenario.Centres[0], registry ?? PolicyRegistry.CreateBuiltIn());
        foreach (var job in jobs) engine.Submit(job, job.Submit);
        double sum = 0;
        int done = 0;
        var horizon = SimTime.Zero;
        while (done < WindowTo - WindowFrom)
        {
            horizon += SimDuration.FromSeconds(86_400);
            if (horizon > jobs[^1].Submit) return double.PositiveInfinity;
            foreach (var o in engine.AdvanceTo(horizon).Outcomes)
            {
                if (o.Id.Value < WindowFrom || o.Id.Value >= WindowTo) continue;
                if (o.Status != Simulation.Results.JobStatus.Finished) throw new InvalidOperationException($"job {o.Id} was {o.Status}");
                sum += o.Jct.TotalSeconds;
                done++;
            }
        }
        return sum / done / 3600;
    }

    [Fact]
    public void Gavel_las_cuts_mean_jct_against_agnostic_las_by_the_published_ratio_within_10_percent_at_5_6_jobs_per_hour()
    {
        var scenario = GavelScenario();
        double agnostic = MeanJctH(scenario, GavelQueueOrder.AgnosticLasName, PublishedRate, seed: 1);
        double aware = MeanJctH(scenario, GavelQueueOrder.LasName, PublishedRate, seed: 1);
        double published = PublishedAgnosticH / PublishedAwareH;
        output.WriteLine($"{PublishedRate} jobs/h: agnostic LAS {agnostic:F2} h, Gavel's LAS {aware:F2} h, ratio {agnostic / aware:F2}x (published {published:F2}x)");

        Assert.InRange(agnostic / aware, 0.9 * published, 1.1 * published);
    }

    [Fact]
    public void Gavel_las_sustains_an_input_rate_at_which_agnostic_las_has_diverged()
    {
        // The full sweep of docs/validation.md sets GAVEL_RATES and GAVEL_SEEDS; CI runs the lowest and one rate past agnostic LAS's knee.
        double[] rates = ListFromEnvironment("GAVEL_RATES", [2.0, 5.2]);
        int[] seeds = ListFromEnvironment("GAVEL_SEEDS", [1.0]).Select(s => (int)s).ToArray();
        var scenario = GavelScenario();
        var agnostic = new double[rates.Length];
        var aware = new double[rates.Length];
        for (int i = 0; i < rates.Length; i++)
        {
            agnostic[i] = seeds.Average(seed => MeanJctH(scenario, GavelQueueOrder.AgnosticLasName, rates[i], seed));
            aware[i] = seeds.Average(seed => MeanJctH(scenario, GavelQueueOrder.LasName, rates[i], seed));
            output.WriteLine($"{rates[i],4:F1} jobs/h  agnostic LAS {agnostic[i],7:F2} h  Gavel's LAS {aware[i],7:F2} h  ratio {agnostic[i] / aware[i]:F2}x");
        }
        double agnosticKnee = DivergesAt(rates, agnostic), awareKnee = DivergesAt(rates, aware);
        output.WriteLine($"diverges (mean JCT > {DivergedFactor}x its value at {rates[0]} jobs/h) at: agnostic LAS {agnosticKnee} jobs/h, Gavel's LAS {awareKnee} jobs/h");

        Assert.All(rates.Select((_, i) => agnostic[i] / aware[i]), r => Assert.True(r > 1, $"ratio {r:F2}"));
        Assert.True(awareKnee > agnosticKnee, $"Gavel's LAS diverges at {awareKnee} jobs/h, agnostic LAS at {agnosticKnee}");
    }

    /// <summary>The first rate whose mean JCT passes <see cref="DivergedFactor"/> times the first rate's; infinity when none does.</summary>
    private static double DivergesAt(double[] rates, double[] jctH)
    {
        for (int i = 1; i < rates.Length; i++)
            if (jctH[i] > DivergedFactor * jctH[0]) return rates[i];
        return double.PositiveInfinity;
    }

    private static double[] ListFromEnvironment(string name, double[] fallback)
        => Environment.GetEnvironmentVariable(name) is { Length: > 0 } text
            ? text.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()
            : fallback;
}
