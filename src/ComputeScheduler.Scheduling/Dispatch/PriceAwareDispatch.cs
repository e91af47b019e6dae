using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Dispatch;

/// <summary>
/// Price aware: the eligible centre with room whose facility electricity cost is lowest, electricity
/// price x PUE (CNY per kWh of IT energy); see <see cref="CheapestWithRoom"/> for ties and fallback.
/// </summary>
public sealed class PriceAwareDispatch : IDispatchPolicy
{
    public const string PolicyName = "price-aware";

    public string Name => PolicyName;

    public DispatchDecision Dispatch(JobSpec job, ReadOnlySpan<CentreView> eligible)
        => CheapestWithRoom.Pick(job, eligible, c => c.PriceCnyPerKwh * c.Pue);
}
