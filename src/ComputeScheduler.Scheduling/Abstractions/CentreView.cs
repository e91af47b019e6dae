using ComputeScheduler.Model.Ids;

namespace ComputeScheduler.Scheduling.Abstractions;

/// <summary>
/// What a dispatch policy sees of one centre that may take a given job: its last report, narrowed
/// to the pools the job can use, plus what the dispatcher already sent it this round.
/// </summary>
/// <param name="EligibleTotalChips">Chips of the pools that match the job (model, stack).</param>
/// <param name="EligibleFreeChips">Of those, free at the report.</param>
/// <param name="QueuedChips">Chips wanted by jobs queued at the report plus jobs sent since.</param>
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
    double LatencyMsToDemand);
