namespace ComputeScheduler.Model.Scenarios;

/// <summary>A synthetic workload: Poisson arrivals with a daily cycle over a span of days.</summary>
/// <param name="DiurnalAmplitude">Relative swing of the arrival rate over a day (0 = flat).</param>
/// <param name="TargetCentre">A centre key every job is addressed to (no national dispatch), or null.</param>
public sealed record SyntheticWorkloadSpec(
    int Jobs,
    double DurationDays,
    double DiurnalAmplitude,
    int Tenants,
    IReadOnlyList<WorkloadClassSpec> Classes,
    string? TargetCentre);
