namespace ComputeScheduler.Model.Topology;

/// <summary>A place where work and data originate (inference users, factories, data owners).</summary>
/// <param name="Region">The data-residency region this demand's data belongs to.</param>
/// <param name="DemandShare">Share of all jobs that originate here (shares sum to 1).</param>
public sealed record DemandRegion(string Key, string Name, string Region, double LatDeg, double LonDeg, double DemandShare);
