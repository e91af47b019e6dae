using ComputeScheduler.Model.Chips;
using ComputeScheduler.Model.Performance;
using ComputeScheduler.Model.Topology;

namespace ComputeScheduler.Model.Scenarios;

/// <summary>Everything a run needs: topology, workload, policies, settings and the seed.</summary>
public sealed record Scenario(
    string Name,
    int Seed,
    ChipCatalog Catalog,
    IReadOnlyList<CentreSpec> Centres,
    IReadOnlyList<DemandRegion> DemandRegions,
    WanSettings Wan,
    PerformanceSettings Performance,
    PolicySelection Policies,
    SimulationSettings Simulation,
    SyntheticWorkloadSpec Workload)
{
    /// <summary>The files the scenario was read from (itself first, then the catalogs it names); empty when built in code.</summary>
    public IReadOnlyList<string> SourceFiles { get; init; } = [];

    /// <summary>Fields of the scenario file set to other values when it was read (path, value), in the order given; empty for none.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Overrides { get; init; } = [];

    /// <summary>The dated changes of its <c>timeline:</c> (demand growth, porting rules, the capacity record); none when it has no timeline.</summary>
    public Timeline.ScenarioTimeline Timeline { get; init; } = Model.Timeline.ScenarioTimeline.None;

    public Scenario WithSeed(int seed) => this with { Seed = seed };
}
