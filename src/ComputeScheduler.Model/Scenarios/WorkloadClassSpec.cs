using ComputeScheduler.Model.Jobs;

namespace ComputeScheduler.Model.Scenarios;

/// <summary>One class of a synthetic workload.</summary>
/// <param name="Share">Share of all jobs in this class.</param>
/// <param name="MinChips">Smallest request; sizes are powers of two, log-uniform between min and max.</param>
/// <param name="RuntimeHours">Runtime on reference chips at the requested size.</param>
/// <param name="StackShares">Share of the class's jobs that require each software stack; the rest run on any.</param>
/// <param name="RestrictedDataShare">Share whose data may not leave its region.</param>
/// <param name="LatencyLimitMs">Latency limit to the demand region (inference), or null.</param>
/// <param name="DelayTolerantShare">Share of the class's jobs that the dispatcher may hold for a greener window.</param>
/// <param name="MaxDelayHours">How long a delay-tolerant job may be held past its submit time.</param>
/// <param name="DataAtCentreShare">Share whose data lives in one centre of its data region (named, so a move pays its transfer).</param>
public sealed record WorkloadClassSpec(
    string JobClass,
    JobKind Kind,
    double Share,
    int MinChips,
    int MaxChips,
    LogNormalSpec RuntimeHours,
    IReadOnlyList<KeyValuePair<string, double>> StackShares,
    double RestrictedDataShare,
    LogNormalSpec DataSizeGb,
    double? LatencyLimitMs,
    double DelayTolerantShare = 0,
    double MaxDelayHours = 0,
    double DataAtCentreShare = 0);
