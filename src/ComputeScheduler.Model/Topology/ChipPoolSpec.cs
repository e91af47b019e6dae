using ComputeScheduler.Model.Chips;
using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Model.Topology;

/// <summary>A pool of identical servers in one centre.</summary>
/// <param name="ChipHourCostCny">
/// A capital (or rental) cost per installed chip-hour that replaces the servers' amortised price when above 0;
/// 0 when the scenario gives none (then the server model's price and life give it).
/// </param>
public sealed record ChipPoolSpec(ServerModel Server, int ServerCount, double ChipHourCostCny)
{
    public ChipModel Chip => Server.Chip;
    public int TotalChips => Server.ChipsPerServer * ServerCount;

    /// <summary>When the pool is installed (its capital and idle power start to count); the start of the run by default.</summary>
    public SimTime InServiceFrom { get; init; } = SimTime.Zero;

    /// <summary>When the pool is retired (exclusive); never by default.</summary>
    public SimTime InServiceUntil { get; init; } = SimTime.MaxValue;

    /// <summary>
    /// The part of a run [0, <paramref name="makespan"/>) during which the pool is installed:
    /// [max(0, from), min(makespan, until)); empty (From == Until) when it is installed at or after the makespan or retired before it starts.
    /// </summary>
    public (SimTime From, SimTime Until) InstalledSpan(SimTime makespan)
    {
        var from = SimTime.Max(SimTime.Zero, InServiceFrom);
        var until = SimTime.Min(makespan, InServiceUntil);
        return from >= until ? (from, from) : (from, until);
    }

    /// <summary>Installed hours of the pool within a run of <paramref name="makespan"/>.</summary>
    public double InstalledHours(SimTime makespan)
    {
        var (from, until) = InstalledSpan(makespan);
        return (until - from).Microseconds / 3.6e9;
    }

    /// <summary>
    /// Capital cost per installed chip-hour: <see cref="ChipHourCostCny"/> when above 0, else the
    /// server's price / (life x 8,760 h) / chips per server. A job pays it for every chip-hour it holds.
    /// </summary>
    public double CapexCnyPerChipHour => ChipHourCostCny > 0 ? ChipHourCostCny : Server.CapexCnyPerServerHour / Server.ChipsPerServer;

    /// <summary>Capital cost of the pool over a run of <paramref name="makespan"/>: chips x capex per chip-hour x installed hours.</summary>
    public double CapexCny(SimTime makespan) => (double)TotalChips * CapexCnyPerChipHour * InstalledHours(makespan);

    /// <summary>Power the installed pool draws whether busy or not, W: chips x idle power + servers x host power.</summary>
    public double InstalledBaseW => (double)TotalChips * Chip.IdleW + (double)ServerCount * Server.HostPowerW;
}
