using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Topology;
using ComputeScheduler.Simulation.Engine;
using ComputeScheduler.Simulation.Performance;

namespace ComputeScheduler.Scheduling;

/// <summary>Builds a centre's engine with fresh instances of the scenario's queue-order and placement policies.</summary>
public static class CentreEngineFactory
{
    public static CentreEngine Create(Scenario scenario, CentreSpec centre, PolicyRegistry registry)
        => new(centre,
            new PerformanceModel(scenario.Performance, scenario.Catalog, centre),
            registry.CreateQueueOrder(scenario.Policies.QueueOrder, scenario.Policies),
            registry.CreatePlacement(scenario.Policies.Placement),
            scenario.Simulation.TimeseriesInterval,
            scenario.Simulation.Preemption);
}
