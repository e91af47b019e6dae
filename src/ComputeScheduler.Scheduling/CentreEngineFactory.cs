using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Topology;
using ComputeScheduler.Scheduling.QueueOrder.Gavel;
using ComputeScheduler.Simulation.Engine;
using ComputeScheduler.Simulation.Performance;

namespace ComputeScheduler.Scheduling;

/// <summary>Builds a centre's engine with fresh instances of the scenario's queue-order and placement policies.</summary>
public static class CentreEngineFactory
{
    public static CentreEngine Create(Scenario scenario, CentreSpec centre, PolicyRegistry registry)
    {
        var queue = registry.CreateQueueOrder(scenario.Policies.QueueOrder, scenario.Policies);
        var placement = registry.CreatePlacement(scenario.Policies.Placement);
        // Gavel's rounds choose the pool as well as the jobs: its placement reads the centre's round.
        if (placement is GavelPlacement gavel && queue is GavelQueueOrder rounds) gavel.Follow(rounds);
        return new(centre,
            new PerformanceModel(scenario.Performance, scenario.Catalog, centre),
            queue,
            placement,
            scenario.Simulation.TimeseriesInterval,
            scenario.Simulation.Preemption);
    }
}
