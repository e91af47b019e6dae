using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Model.Topology;

namespace ComputeScheduler.Simulation.Policies;

/// <summary>
/// What a dispatch policy sees of one centre that may take a given job: its last report, narrowed
/// to the pools the job can use, plus what the dispatcher already sent it this round.
/// </summary>
/// <param name="EligibleTotalChips">Chips of the pools that match the job (model, stack).</param>
/// <param name="EligibleFreeChips">Of those, free at the report.</param>
/// <param name="QueuedChips">Chips wanted by jobs queued at the report plus jobs sent since (this round, or still crossing the WAN).</param>
/// <param name="CarbonKgPerKwh">The grid's annual average carbon factor; <see cref="CarbonKgPerKwhAt"/> gives it by hour.</param>
/// <param name="LatencyMsToDemand">One-way latency from the job's demand region to the centre, ms; 0 when the job names none.</param>
/// <param name="TransferS">Seconds to move the job's data here over the WAN before it can start; 0 where the data is.</param>
/// <param name="HoldsData">True when the job's data is here: its data centre, or, when it names only a region, a centre of that region.</param>
/// <param name="CarbonHourly">The grid's daily intensity profile, or null for the annual factor all day.</param>
public readonly record struct CentreView(
    CentreId Centre,
    string Key,
    string Region,
    int EligibleTotalChips,
    int EligibleFreeChips,
    long QueuedChips,
    int QueuedJobs,
    double PriceCnyPerKwh,
    double Pue,
    double CarbonKgPerKwh,
    double LatencyMsToDemand,
    double TransferS = 0,
    bool HoldsData = false,
    HourlyFactors? CarbonHourly = null)
{
    /// <summary>True when the job's chips are free here now, after what is queued and already sent.</summary>
    public bool HasRoomFor(int chips) => EligibleFreeChips - QueuedChips >= chips;

    /// <summary>Grid carbon intensity at <paramref name="t"/>, kgCO2 per kWh.</summary>
    public double CarbonKgPerKwhAt(SimTime t) => CarbonHourly is { } h ? CarbonKgPerKwh * h.At(t) : CarbonKgPerKwh;
}
