using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Simulation.Engine;
using ComputeScheduler.Simulation.Results;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Scheduling.Tests.QueueOrder;

/// <summary>Runs a hand-built one-centre scenario of 8-chip reference servers under a queue order, to the end.</summary>
internal static class CentreRun
{
    public static Dictionary<long, JobOutcome> Run(string queueOrder, int servers, IEnumerable<JobSpec> jobs, PreemptionCosts? costs = null, TiresiasSettings? tiresias = null)
    {
        var scenario = new ScenarioBuilder()
            .WithCentre("c", "r", (ScenarioBuilder.RefServer, servers))
            .WithPolicies("least-loaded", queueOrder, "best-fit")
            .Build();
        if (tiresias is not null) scenario = scenario with { Policies = scenario.Policies with { Tiresias = tiresias } };
        if (costs is not null) scenario = scenario with { Simulation = scenario.Simulation with { Preemption = costs } };
        var engine = CentreEngineFactory.Create(scenario, scenario.Centres[0], PolicyRegistry.CreateBuiltIn());
        return SequentialRun.RunToEnd(engine, jobs).SelectMany(o => o.Outcomes).ToDictionary(o => o.Id.Value);
    }

    /// <summary>A job whose runtime is exactly <paramref name="runtimeS"/> on any chip (an observed runtime), known to the scheduler.</summary>
    public static JobSpec Job(long id, double submitS, int chips, double runtimeS, int tenant = 0)
        => ScenarioBuilder.Job(id, submitS, chips, runtimeS) with { ObservedRuntimeS = runtimeS, Tenant = tenant };

    public static double StartS(this JobOutcome o) => o.Start.Microseconds / 1e6;
    public static double EndS(this JobOutcome o) => o.End.Microseconds / 1e6;
}
