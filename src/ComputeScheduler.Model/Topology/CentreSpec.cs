using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Model.Topology;

/// <summary>One intelligent-computing centre: where it is, what its power costs, and its chips.</summary>
/// <param name="Region">The data-residency region (restricted data never leaves it).</param>
/// <param name="Pue">The PUE every energy figure uses: the operating PUE where the scenario gives one, else the design target.</param>
/// <param name="FabricGBpsPerChip">Scale-out fabric bandwidth per chip, GB/s.</param>
/// <param name="Oversubscription">Fabric oversubscription above the rack (1 = non-blocking).</param>
/// <param name="ServersPerRack">Servers per rack: the unit of "one rack" locality.</param>
public sealed record CentreSpec(
    CentreId Id,
    string Key,
    string Name,
    string Hub,
    string Region,
    double LatDeg,
    double LonDeg,
    double Pue,
    double PriceCnyPerKwh,
    double CarbonKgPerKwh,
    double FabricGBpsPerChip,
    double Oversubscription,
    int ServersPerRack,
    IReadOnlyList<ChipPoolSpec> Pools)
{
    public int TotalChips => Pools.Sum(p => p.TotalChips);

    /// <summary>The PUE the centre was designed for (a new-build target), kept apart from the operating <see cref="Pue"/>; equal to it when the scenario gives no operating figure.</summary>
    public double DesignPue { get => _designPue ?? Pue; init => _designPue = value; }

    private readonly double? _designPue;

    /// <summary>The daily profile of the centre's grid carbon intensity, or null for the annual factor all day.</summary>
    public HourlyFactors? CarbonHourly { get; init; }

    /// <summary>The centre's dated time-of-use tariffs from the scenario's timeline, or null for the flat <see cref="PriceCnyPerKwh"/> throughout.</summary>
    public TariffSchedule? Tariff { get; init; }

    /// <summary>Grid carbon intensity at <paramref name="t"/>, kgCO2 per kWh: the annual factor times the hour's multiplier.</summary>
    public double CarbonKgPerKwhAt(SimTime t) => CarbonHourly is { } h ? CarbonKgPerKwh * h.At(t) : CarbonKgPerKwh;

    /// <summary>
    /// Carbon of <paramref name="energyKwh"/> drawn evenly over [<paramref name="from"/>, <paramref name="to"/>), kgCO2:
    /// the grid factor times the hourly multiplier averaged over the span (the annual factor without a daily profile).
    /// </summary>
    public double CarbonKg(double energyKwh, SimTime from, SimTime to)
        => CarbonHourly is { } h ? energyKwh * CarbonKgPerKwh * h.MeanOver(from, to) : energyKwh * CarbonKgPerKwh;

    /// <summary>
    /// The time-weighted mean electricity price over [<paramref name="from"/>, <paramref name="to"/>),
    /// CNY/kWh: the one price through which all of the centre's electricity is costed (jobs' energy
    /// over each run, the idle energy over each span of installed servers). The time-of-use tariffs of
    /// the scenario's timeline when it gives the region some, else the flat <see cref="PriceCnyPerKwh"/>.
    /// </summary>
    public double MeanPriceCnyPerKwh(SimTime from, SimTime to) => Tariff?.MeanPriceOver(from, to) ?? PriceCnyPerKwh;
}
