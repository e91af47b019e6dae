using ComputeScheduler.Model.Ids;

namespace ComputeScheduler.Simulation.Results;

/// <summary>State of one chip pool of a centre at a sample time (after all events at that time).</summary>
/// <param name="BusyChips">Chips granted, in whole-chip units (shared chips count by their granted thousandths).</param>
/// <param name="QueuedJobs">Jobs waiting in the centre (all pools).</param>
/// <param name="PowerKw">Facility power of the pool: (busy chips x TDP + active servers x host power) x PUE.</param>
public readonly record struct TimeseriesSample(
    long TimeUs, CentreId Centre, int Pool, string ChipModel, int TotalChips, double BusyChips, int QueuedJobs, double PowerKw)
{
    /// <summary>
    /// Wholly free chips of the pool that none of the centre's waiting jobs could be placed on now:
    /// all its free chips when jobs wait and none that may use the pool could be placed in it; 0 when
    /// no job waits or one of them could (docs/results.md, "Stranded chips").
    /// </summary>
    public int StrandedChips { get; init; }
}
