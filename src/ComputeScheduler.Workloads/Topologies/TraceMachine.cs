namespace ComputeScheduler.Workloads.Topologies;

/// <summary>
/// One machine of a trace's machine list: its name, the trace's GPU model name and GPU count, and
/// its CPU (thousandths of a core) and memory (MiB) where the list gives them (0 otherwise).
/// </summary>
public sealed record TraceMachine(string Name, string GpuModel, int Gpus, long CpuMilli = 0, long MemoryMib = 0);
