using ComputeScheduler.Model.Ids;

namespace ComputeScheduler.Simulation.Policies;

/// <summary>What placement must find chips for.</summary>
/// <param name="EligiblePools">Bit i set when pool i may hold the job (chip model, software stack, size).</param>
public readonly record struct PlacementRequest(JobId Id, int Chips, ulong EligiblePools)
{
    public bool IsEligible(int pool) => (EligiblePools & (1UL << pool)) != 0;
}
