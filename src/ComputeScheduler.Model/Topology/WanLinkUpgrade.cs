using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Model.Topology;

/// <summary>From <paramref name="From"/> on, the WAN link between centres <paramref name="A"/> and <paramref name="B"/> (keys, either direction) carries <paramref name="Gbps"/>.</summary>
public sealed record WanLinkUpgrade(string A, string B, double Gbps, SimTime From);
