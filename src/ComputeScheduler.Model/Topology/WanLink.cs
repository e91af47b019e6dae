namespace ComputeScheduler.Model.Topology;

/// <summary>A WAN path between two places, with one-way latency and bandwidth.</summary>
public sealed record WanLink(string From, string To, double DistanceKm, double LatencyMs, double Gbps);
