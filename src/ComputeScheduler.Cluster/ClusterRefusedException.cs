namespace ComputeScheduler.Cluster;

/// <summary>The seed nodes refused this node: its cluster name or secret does not match theirs (<see cref="ClusterAdmission"/>).</summary>
public sealed class ClusterRefusedException(string message) : Exception(message);
