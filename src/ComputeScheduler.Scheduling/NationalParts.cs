using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Simulation.Engine;
using ComputeScheduler.Simulation.National;
using ComputeScheduler.Simulation.Streams;

namespace ComputeScheduler.Scheduling;

/// <summary>
/// The parts of a national run made from a scenario, as every host makes them: each centre's
/// engine, the national dispatcher with the scenario's dispatch policy, and the window planner over
/// the jobs at the scenario's dispatch interval.
/// </summary>
public sealed record NationalParts(CentreEngine[] Engines, NationalDispatcher Dispatcher, WindowPlanner Planner)
{
    public static NationalParts Create(Scenario scenario, IEnumerable<JobSpec> jobs, PolicyRegistry registry)
        => new(scenario.Centres.Select(c => CentreEngineFactory.Create(scenario, c, registry)).ToArray(), CreateDispatcher(scenario, registry), CreatePlanner(scenario, jobs));

    public static NationalDispatcher CreateDispatcher(Scenario scenario, PolicyRegistry registry)
        => new(scenario.Centres, scenario.DemandRegions, scenario.Wan, registry.CreateDispatch(scenario.Policies.Dispatch), scenario.Performance)
        {
            Timing = scenario.Simulation.DispatchTiming,
        };

    /// <summary>The planner over <paramref name="jobs"/>, which are read (generated, or parsed from a trace) a few thousand ahead on a thread of their own.</summary>
    public static WindowPlanner CreatePlanner(Scenario scenario, IEnumerable<JobSpec> jobs)
        => new(Prefetch.OnAnotherThread(jobs, name: "jobs read-ahead"), scenario.Simulation.DispatchInterval, scenario.Centres.Count,
            scenario.Simulation.DispatchTiming);

    /// <summary>Runs the parts with no actors (<see cref="SequentialNationalRun"/>); the sink gets the results.</summary>
    public RunTotals RunSequential(INationalRunSink sink, RunProgress? progress = null) => SequentialNationalRun.Run(Engines, Dispatcher, Planner, sink, progress);
}
