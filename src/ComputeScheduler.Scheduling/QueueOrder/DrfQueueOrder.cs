using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.QueueOrder;

/// <summary>
/// Dominant resource fairness (Ghodsi et al., NSDI'11) across chips, CPU and memory: a tenant's
/// share is the largest of its shares of the centre's chips, CPU and memory (a resource the centre
/// does not model is left out), and the tenant with the smallest weighted dominant share goes next
/// (<see cref="TenantShareQueueOrder"/>).
/// </summary>
public sealed class DrfQueueOrder(IReadOnlyDictionary<int, double>? weights = null) : TenantShareQueueOrder(weights)
{
    public const string PolicyName = "drf";

    public override string Name => PolicyName;

    protected override double Share(in Usage usage, in CentreTotals totals)
    {
        double share = 0;
        if (totals.Chips > 0) share = Math.Max(share, usage.Chips / totals.Chips);
        if (totals.CpuMilli > 0) share = Math.Max(share, usage.CpuMilli / totals.CpuMilli);
        if (totals.MemoryMib > 0) share = Math.Max(share, usage.MemoryMib / totals.MemoryMib);
        return share;
    }
}
