using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Performance;
using ComputeScheduler.Model.Topology;

namespace ComputeScheduler.Simulation.National;

/// <summary>
/// What of a job decides which centres and pools may take it, its size aside: in one dispatch round
/// jobs of one shape see the same centre views, but for the WAN transfer of their data, which
/// depends on its size. <paramref name="DataCentre"/> is the index of the centre holding the data, or -1;
/// <paramref name="MemoryPerChipGb"/> the memory its class needs on each chip (0: any chip holds it).
/// </summary>
internal readonly record struct JobShape(
    string? ChipModel,
    string? SoftwareStack,
    bool IsDataRestricted,
    string? DataRegion,
    string? DemandRegion,
    double? LatencyLimitMs,
    int DataCentre,
    double MemoryPerChipGb)
{
    public static JobShape Of(JobSpec job, int dataCentre, PerformanceSettings? performance)
        => new(job.ChipModel, job.SoftwareStack, job.IsDataRestricted, job.DataRegion, job.DemandRegion, job.LatencyLimitMs, dataCentre,
            performance?.MemoryPerChipGb(job.JobClass) ?? 0);

    /// <summary>False when the job's data may not leave its region and <paramref name="centre"/> is in another.</summary>
    public bool ResidencyAllows(CentreSpec centre)
        => !IsDataRestricted || DataRegion is null || string.Equals(centre.Region, DataRegion, StringComparison.Ordinal);

    /// <summary>True when the job's data is in <paramref name="centre"/>: its data centre, or, when it names only a region, a centre of that region.</summary>
    public bool HoldsDataIn(CentreSpec centre)
        => DataCentre >= 0 ? DataCentre == centre.Id.Value
            : DataRegion is not null && string.Equals(centre.Region, DataRegion, StringComparison.Ordinal);
}
