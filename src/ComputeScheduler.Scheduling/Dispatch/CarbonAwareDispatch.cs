using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Model.Topology;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Dispatch;

/// <summary>
/// Carbon aware: the eligible centre with room whose grid intensity x PUE (kgCO2 per kWh of IT
/// energy) is lowest now, the intensity being the annual factor times the hour's multiplier of the
/// centre's daily profile; see <see cref="CheapestWithRoom"/> for ties and fallback.
/// A delay-tolerant job (<see cref="JobSpec.MaxDelayS"/>) may be held for a greener window: before
/// its dispatch deadline, the policy looks at the hours that start after now and no later than the
/// deadline (at most one day of them: the profiles repeat daily) and, when some eligible centre's
/// intensity x PUE in one of them is strictly below the best now (best among centres with room, or
/// among all when none has room), holds the job (Wait) until the start of the greenest such hour
/// (the earliest of equals). Then it decides again on fresh reports: it dispatches as above unless a
/// still greener hour lies before the deadline. At or after the deadline it dispatches at once.
/// The forecast is the profile itself (a known daily shape); room in the future is not forecast.
/// Without daily profiles no hour is greener than now, so no job waits and the policy is the
/// no-wait one. The time-free form (no clock) uses annual factors and never holds a job.
/// </summary>
public sealed class CarbonAwareDispatch : IDispatchPolicy
{
    public const string PolicyName = "carbon-aware";

    private const long HourUs = 3_600_000_000L;

    private readonly Dictionary<JobId, long> _heldUntilUs = new();

    public string Name => PolicyName;

    public DispatchDecision Dispatch(JobSpec job, ReadOnlySpan<CentreView> eligible)
        => CheapestWithRoom.Pick(job, eligible, c => c.CarbonKgPerKwh * c.Pue);

    public DispatchDecision Dispatch(SimTime now, JobSpec job, ReadOnlySpan<CentreView> eligible)
    {
        if (job.DispatchDeadline is { } deadline && now < deadline)
        {
            if (_heldUntilUs.TryGetValue(job.Id, out long until) && now.Microseconds < until) return DispatchDecision.Wait;
            if (GreenerHourBefore(job, now, deadline, eligible) is { } start)
            {
                _heldUntilUs[job.Id] = start.Microseconds;
                return DispatchDecision.Wait;
            }
        }
        _heldUntilUs.Remove(job.Id);
        return CheapestWithRoom.Pick(job, eligible, c => c.CarbonKgPerKwhAt(now) * c.Pue);
    }

    /// <summary>The start of the greenest hour in (now, deadline] that beats the best now, or null.</summary>
    private static SimTime? GreenerHourBefore(JobSpec job, SimTime now, SimTime deadline, ReadOnlySpan<CentreView> eligible)
    {
        double bestNow = double.MaxValue, bestAny = double.MaxValue;
        foreach (var c in eligible)
        {
            double v = c.CarbonKgPerKwhAt(now) * c.Pue;
            bestAny = Math.Min(bestAny, v);
            if (c.HasRoomFor(job.Chips)) bestNow = Math.Min(bestNow, v);
        }
        if (bestNow == double.MaxValue) bestNow = bestAny;
        SimTime? at = null;
        double bestLater = bestNow;
        long first = (now.Microseconds / HourUs + 1) * HourUs;
        for (int k = 0; k < HourlyFactors.Hours; k++)
        {
            var start = SimTime.FromMicroseconds(first + k * HourUs);
            if (start > deadline) break;
            foreach (var c in eligible)
            {
                double v = c.CarbonKgPerKwhAt(start) * c.Pue;
                if (v < bestLater) (bestLater, at) = (v, start);
            }
        }
        return at;
    }
}
