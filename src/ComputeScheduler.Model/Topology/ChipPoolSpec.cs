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

    /// <summary>When the pool's servers go into service (a timeline addition or a centre opening); time 0 for the scenario's own pools.</summary>
    public SimTime InServiceFrom { get; init; } = SimTime.Zero;

    /// <summary>
    /// Servers that leave service for good, in date order (a timeline retirement, or ageing out after
    /// an export control): the pool's last servers go first. Empty when none ever does.
    /// </summary>
    public IReadOnlyList<ServerRetirement> Retirements { get; init; } = [];

    /// <summary>When its last server leaves service; <see cref="SimTime.MaxValue"/> when some never does.</summary>
    public SimTime InServiceUntil => Retirements.Sum(r => r.Servers) >= ServerCount ? Retirements[^1].At : SimTime.MaxValue;

    /// <summary>Servers retired for good at <paramref name="t"/> (those whose retirement date is at or before it).</summary>
    public int ServersRetiredAt(SimTime t)
    {
        int n = 0;
        foreach (var r in Retirements)
            if (r.At <= t) n += r.Servers;
        return n;
    }

    /// <summary>Servers in service at <paramref name="t"/>.</summary>
    public int ServersInServiceAt(SimTime t) => t < InServiceFrom ? 0 : ServerCount - ServersRetiredAt(t);

    /// <summary>True when some of the pool's servers are in service at <paramref name="t"/>.</summary>
    public bool InServiceAt(SimTime t) => ServersInServiceAt(t) > 0;

    /// <summary>Server-hours in service over [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public double ServerHoursInService(SimTime from, SimTime to)
    {
        double us = 0;
        foreach (var (a, b, servers) in ServiceSpans(from, to)) us += (double)servers * (b - a).Microseconds;
        return us / 3.6e9;
    }

    /// <summary>
    /// Capital cost per installed chip-hour: <see cref="ChipHourCostCny"/> when above 0, else the
    /// server's price / (life x 8,760 h) / chips per server. A job pays it for every chip-hour it holds.
    /// </summary>
    public double CapexCnyPerChipHour => ChipHourCostCny > 0 ? ChipHourCostCny : Server.CapexCnyPerServerHour / Server.ChipsPerServer;

    /// <summary>Capital cost of the pool over a run of <paramref name="makespan"/>: capex per chip-hour x chip-hours in service.</summary>
    public double CapexCny(SimTime makespan) => CapexCnyPerChipHour * Server.ChipsPerServer * ServerHoursInService(SimTime.Zero, makespan);

    /// <summary>Power one server in service draws whether busy or not, W: its chips x idle power + its host's idle power.</summary>
    public double BaseWPerServer => Server.ChipsPerServer * Chip.IdleW + Server.HostIdleW;

    /// <summary>
    /// The spans of [<paramref name="from"/>, <paramref name="to"/>) over which the number of servers in
    /// service is constant, with that number (spans with none left out), in time order.
    /// </summary>
    public IEnumerable<(SimTime From, SimTime To, int Servers)> ServiceSpans(SimTime from, SimTime to)
    {
        var a = SimTime.Max(from, InServiceFrom);
        foreach (var r in Retirements.Where(r => r.At > a && r.At < to).Append(new ServerRetirement(to, 0)))
        {
            var b = r.At;
            int servers = ServersInServiceAt(a);
            if (b > a && servers > 0) yield return (a, b, servers);
            if (b >= to) yield break;
            a = SimTime.Max(a, b);
        }
    }
}

/// <summary><paramref name="Servers"/> servers of a pool leave service for good at <paramref name="At"/>.</summary>
public sealed record ServerRetirement(SimTime At, int Servers);
