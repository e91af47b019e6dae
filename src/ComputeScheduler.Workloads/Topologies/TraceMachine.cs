namespace ComputeScheduler.Workloads.Topologies;

/// <summary>One machine of a trace's machine list: its name, the trace's GPU model name and GPU count.</summary>
public sealed record TraceMachine(string Name, string GpuModel, int Gpus);
