using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Simulation.Engine;
using ComputeScheduler.Testing;
using ComputeScheduler.Workloads.Scenarios;
using Xunit.Abstractions;

namespace ComputeScheduler.Validation.Tests;

/// <summary>
/// Gavel (OSDI'20): heterogeneity-aware against heterogeneity-agnostic LAS on a 36 V100 : 36 P100 :
/// 36 K80 cluster with Gavel's measured throughputs and its continuous-single workload, mean JCT
/// against input rate. Protocol, tolerance and differences: docs/validation.md, section "Gavel".
/// </summary>
public class GavelValidationTests(ITestOutputHelper output)
{
    public const int Jobs = 3000;
    public const int WindowFrom = 1000, WindowTo = 2000;
    public static readonly double[] RatesPerHour = [1.0, 2.0, 3.0, 3.5, 4.0, 4.5];

    internal static double MeanJctS(Scenario scenario, IReadOnlyList<Model.Jobs.JobSpec> jobs)
    {
        var engine = CentreEngineFactory.Create(scenario, scenario.Centres[0], PolicyRegistry.CreateBuiltIn());
        var outcomes = SequentialRun.RunToEnd(engine, jobs).SelectMany(o => o.Outcomes)
            .Where(o => o.Id.Value >= WindowFrom && o.Id.Value < WindowTo).ToList();
        if (outcomes.Count != WindowTo - WindowFrom || outcomes.Any(o => o.Status != Simulation.Results.JobStatus.Finished))
            throw new InvalidOperationException("every job of the measured window must finish");
        return outcomes.Average(o => o.Jct.TotalSeconds);
    }

    [Fact]
    public void Heterogeneity_aware_las_cuts_mean_jct_against_agnostic_las_at_every_input_rate()
    {
        var baseScenario = ScenarioLoader.Load(RepoPaths.Topology("gavel-108.yaml"));
        baseScenario = baseScenario with { Simulation = baseScenario.Simulation with { Preemption = PreemptionCosts.None } };
        var types = baseScenario.Performance.Classes.Select(c => c.Name).ToArray();
        var ratios = new List<double>();
        foreach (double rate in RatesPerHour)
        {
            var jobs = GavelWorkload.Generate(types, rate, Jobs, seed: 1);
            double agnostic = MeanJctS(baseScenario with { Policies = new PolicySelection("least-loaded", "2d-las", "best-fit") }, jobs);
            double aware = MeanJctS(baseScenario with { Policies = new PolicySelection("least-loaded", "2d-las", "heterogeneity-aware") }, jobs);
            ratios.Add(agnostic / aware);
            output.WriteLine($"{rate,4:F1} jobs/h  agnostic LAS {agnostic / 3600,8:F1} h  aware LAS {aware / 3600,8:F1} h  ratio {agnostic / aware:F2}x");
        }

        Assert.All(ratios, r => Assert.True(r > 1.0, $"ratio {r:F2}"));
        Assert.True(ratios.Max() >= 1.2, $"best ratio {ratios.Max():F2}x");
    }
}
