using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Simulation.Engine;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Simulation.Tests;

/// <summary>Runs one centre's engine on a list of jobs and collects everything it produced.</summary>
internal static class EngineHarness
{
    public static (List<JobOutcome> Outcomes, List<TimeseriesSample> Samples, CentreEngine Engine) Run(Scenario scenario, IEnumerable<JobSpec> jobs, int centre = 0)
    {
        var engine = CentreEngineFactory.Create(scenario, scenario.Centres[centre], PolicyRegistry.CreateBuiltIn());
        var outputs = SequentialRun.RunToEnd(engine, jobs);
        return (outputs.SelectMany(o => o.Outcomes).OrderBy(o => o.Id.Value).ToList(), outputs.SelectMany(o => o.Samples).ToList(), engine);
    }
}
