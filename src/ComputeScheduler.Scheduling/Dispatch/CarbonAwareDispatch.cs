using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Scheduling.Abstractions;

namespace ComputeScheduler.Scheduling.Dispatch;

/// <summary>
/// Carbon aware (no waiting): the eligible centre with room whose grid intensity x PUE (kgCO2 per kWh
/// of IT energy) is lowest; see <see cref="CheapestWithRoom"/> for ties and fallback. Holding
/// delay-tolerant jobs for a greener window is not part of this policy.
/// </summary>
public sealed class CarbonAwareDispatch : IDispatchPolicy
{
    public const string PolicyName = "carbon-aware";

    public string Name => PolicyName;

    public DispatchDecision Dispatch(JobSpec job, ReadOnlySpan<CentreView> eligible)
        => CheapestWithRoom.Pick(job, eligible, c => c.CarbonKgPerKwh * c.Pue);
}
