using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Model.Timeline;

/// <summary>What a dated capacity entry of a scenario's timeline did.</summary>
public enum CapacityChangeKind
{
    AddServers,
    RetireServers,
    OpenCentre,
    UpgradeLink,
    AgeOut,
    BlockedByExportControl,
}

/// <summary>One applied change of capacity, as the run's record shows it (chips added are positive, retired negative).</summary>
/// <param name="Centre">The centre key (for a link: "a-b").</param>
/// <param name="What">The server model id, or for a link its new bandwidth as text.</param>
public sealed record CapacityChange(SimTime At, CapacityChangeKind Kind, string Centre, string What, int Chips, string Note);
