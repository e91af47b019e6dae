using ComputeScheduler.Model.Chips;

namespace ComputeScheduler.Model.Topology;

/// <summary>A pool of identical servers in one centre.</summary>
/// <param name="ChipHourCostCny">Capital/rental cost charged per chip-hour a job holds; 0 when the scenario gives none.</param>
public sealed record ChipPoolSpec(ServerModel Server, int ServerCount, double ChipHourCostCny)
{
    public ChipModel Chip => Server.Chip;
    public int TotalChips => Server.ChipsPerServer * ServerCount;
}
