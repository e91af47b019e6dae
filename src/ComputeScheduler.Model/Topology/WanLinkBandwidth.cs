namespace ComputeScheduler.Model.Topology;

/// <summary>The bandwidth of the WAN link between two centres (by key), in both directions.</summary>
public sealed record WanLinkBandwidth(string A, string B, double Gbps);
