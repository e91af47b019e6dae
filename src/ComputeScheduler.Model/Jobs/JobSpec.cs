using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Model.Jobs;

/// <summary>
/// A job as submitted: what it wants and how much work it is. Immutable.
/// </summary>
/// <param name="JobClass">Name of a <see cref="Performance.JobClass"/>: selects its throughput per chip model and its scaling.</param>
/// <param name="Chips">Chips wanted (at least 1).</param>
/// <param name="ChipModel">The chip model id the job must run on ('|'-separated when several are allowed), or null for any.</param>
/// <param name="SoftwareStack">A software stack the job needs (cuda, cann, ...), or null for any.</param>
/// <param name="WorkReferenceChipSeconds">
/// The job's work: seconds it would take on ONE reference chip with perfect scaling. Runtime on
/// real chips comes from the performance model.
/// </param>
/// <param name="DataRegion">Residency region of the job's input data, or null.</param>
/// <param name="IsDataRestricted">True when the data may not leave <paramref name="DataRegion"/>.</param>
/// <param name="DemandRegion">For inference: the demand region it serves, or null.</param>
/// <param name="LatencyLimitMs">For inference: the latency limit to its demand region, or null.</param>
/// <param name="TargetCentre">A centre the job is addressed to (skips national dispatch), or null.</param>
/// <param name="ObservedRuntimeS">
/// For a trace job: the runtime the trace observed, or null. It is replayed as it is on
/// <paramref name="ObservedChipModel"/> (or on any chip when that is null) and scaled by relative
/// throughput on another chip model; it already includes the job's own scaling and communication.
/// </param>
/// <param name="ObservedChipModel">The catalog chip the observed runtime was measured on, or null.</param>
/// <param name="ChipMilli">
/// Thousandths of one chip the job needs when it shares a chip (GPU sharing, 1-999, with
/// <paramref name="Chips"/> = 1); 1000 for whole chips.
/// </param>
/// <param name="CpuMilli">CPU the job requests on its server, thousandths of a core (0: none; a job of 0 chips is CPU-only).</param>
/// <param name="MemoryMib">Memory the job requests on its server, MiB (0: none).</param>
/// <param name="MaxDelayS">
/// For a delay-tolerant job: how long past its submit time the national dispatcher may hold it
/// for a greener window, seconds (its dispatch deadline is submit + this); null when it may not wait.
/// </param>
/// <param name="DataCentre">
/// The key of the centre holding the job's input data (<paramref name="DataSizeGb"/>), or null.
/// Run elsewhere, the job first pays the WAN transfer of its data.
/// </param>
public sealed record JobSpec(
    JobId Id,
    SimTime Submit,
    int Tenant,
    JobKind Kind,
    string JobClass,
    int Chips,
    string? ChipModel,
    string? SoftwareStack,
    double WorkReferenceChipSeconds,
    int Priority,
    string? DataRegion,
    double DataSizeGb,
    bool IsDataRestricted,
    string? DemandRegion,
    double? LatencyLimitMs,
    CentreId? TargetCentre,
    double? ObservedRuntimeS = null,
    string? ObservedChipModel = null,
    int ChipMilli = 1000,
    long CpuMilli = 0,
    long MemoryMib = 0,
    double? MaxDelayS = null,
    string? DataCentre = null)
{
    public bool IsShared => ChipMilli < 1000;

    /// <summary>Chips the job holds, in whole-chip units (0.25 for a quarter of one chip).</summary>
    public double ChipShare => Chips * (ChipMilli / 1000d);

    /// <summary>The last dispatch time a delay-tolerant job may be held to; null when it may not wait.</summary>
    public SimTime? DispatchDeadline => MaxDelayS is { } d ? Submit + SimDuration.FromSeconds(d) : null;

    /// <summary>
    /// GB of data the job moves over the WAN when it runs in the centre <paramref name="centreKey"/>:
    /// its <see cref="DataSizeGb"/> when its data lives in another centre and it was dispatched
    /// nationally (an addressed job moves nothing), else 0. The rule of the national dispatcher's transfer.
    /// </summary>
    public double WanTransferGbTo(string centreKey)
        => TargetCentre is null && DataCentre is { } d && !string.Equals(d, centreKey, StringComparison.Ordinal) ? DataSizeGb : 0;

    /// <summary>The centre whose data the job moves over the WAN when it runs in <paramref name="centreKey"/> (<see cref="WanTransferGbTo"/> above 0), else null.</summary>
    public string? WanSourceFor(string centreKey) => WanTransferGbTo(centreKey) > 0 ? DataCentre : null;

    /// <summary>True when the job may run on <paramref name="chipModel"/>.</summary>
    public bool AllowsChip(string chipModel)
    {
        if (ChipModel is null) return true;
        foreach (var range in ChipModel.AsSpan().Split('|'))
            if (ChipModel.AsSpan()[range].SequenceEqual(chipModel)) return true;
        return false;
    }
}
