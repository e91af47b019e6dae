using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.QueueOrder;

/// <summary>
/// Weighted fair share of chips across tenants: the tenant holding the fewest chips per unit of
/// weight goes next (<see cref="TenantShareQueueOrder"/>); CPU and memory are not counted.
/// </summary>
public sealed class FairShareQueueOrder(IReadOnlyDictionary<int, double>? weights = null) : TenantShareQueueOrder(weights)
{
    public const string PolicyName = "fair-share";

    public override string Name => PolicyName;

    protected override double Share(in Usage usage, in CentreTotals totals)
        => totals.Chips > 0 ? usage.Chips / totals.Chips : usage.Chips;
}
