using ComputeScheduler.Model.Jobs;

namespace ComputeScheduler.Simulation.National;

/// <summary>
/// What of a job decides which centres and pools may take it, its size aside: in one dispatch round
/// jobs of one shape see the same centre views, but for the WAN transfer of their data, which
/// depends on its size. <paramref name="DataCentre"/> is the index of the centre holding the data, or -1.
/// </summary>
internal readonly record struct JobShape(
    string? ChipModel,
    string? SoftwareStack,
    bool IsDataRestricted,
    string? DataRegion,
    string? DemandRegion,
    double? LatencyLimitMs,
    int DataCentre)
{
    public static JobShape Of(JobSpec job, int dataCentre)
        => new(job.ChipModel, job.SoftwareStack, job.IsDataRestricted, job.DataRegion, job.DemandRegion, job.LatencyLimitMs, dataCentre);
}
