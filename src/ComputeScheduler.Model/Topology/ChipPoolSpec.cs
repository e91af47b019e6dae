using ComputeScheduler.Model.Chips;
using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Model.Topology;

/// <summary>A pool of identical servers in one centre.</summary>
/// <param name="ChipHourCostCny">Capital/rental cost charged per chip-hour a job holds; 0 when the scenario gives none.</param>
public sealed record ChipPoolSpec(ServerModel Server, int ServerCount, double ChipHourCostCny)
{
    public ChipModel Chip => Server.Chip;
    public int TotalChips => Server.ChipsPerServer * ServerCount;

    /// <summary>When the pool's servers go into service (a timeline addition or a centre opening); time 0 for the scenario's own pools.</summary>
    public SimTime InServiceFrom { get; init; } = SimTime.Zero;

    /// <summary>When they are retired (a timeline retirement or ageing out); <see cref="SimTime.MaxValue"/> when never.</summary>
    public SimTime InServiceUntil { get; init; } = SimTime.MaxValue;

    /// <summary>True when the pool is in service at <paramref name="t"/>.</summary>
    public bool InServiceAt(SimTime t) => InServiceFrom <= t && t < InServiceUntil;
}
