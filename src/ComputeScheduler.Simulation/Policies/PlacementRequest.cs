using ComputeScheduler.Model.Ids;

namespace ComputeScheduler.Simulation.Policies;

/// <summary>What placement must find chips for.</summary>
/// <param name="EligiblePools">Bit i set when pool i may hold the job (chip model, software stack, size).</param>
/// <param name="Milli">Thousandths of one chip for a job that shares a chip (Chips = 1); 1000 for whole chips.</param>
/// <param name="CpuMilli">CPU the job needs on its server (thousandths of a core); for a job on one server only.</param>
/// <param name="MemoryMib">Memory the job needs on its server (MiB); for a job on one server only.</param>
/// <param name="Throughput">Per pool, the job's throughput per chip relative to the reference chip (its class on that pool's chip); null when not known. Read-only.</param>
public readonly record struct PlacementRequest(JobId Id, int Chips, ulong EligiblePools, int Milli = 1000, long CpuMilli = 0, long MemoryMib = 0, double[]? Throughput = null)
{
    public bool NeedsHostResources => CpuMilli > 0 || MemoryMib > 0;

    public bool IsShared => Milli < 1000;

    public bool IsEligible(int pool) => (EligiblePools & (1UL << pool)) != 0;
}
