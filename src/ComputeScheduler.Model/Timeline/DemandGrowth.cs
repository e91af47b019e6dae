using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Model.Timeline;

/// <summary>
/// A change of demand from <paramref name="From"/>: the arrival rate of the matching jobs is
/// multiplied by a factor that follows <paramref name="Curve"/> from 1 to <paramref name="Factor"/>
/// over <paramref name="Ramp"/> (on top of the daily cycle). Several growths that match a job
/// multiply. Immutable.
/// </summary>
/// <param name="JobClass">The job class it applies to, or null for every class.</param>
/// <param name="DemandRegion">The demand region (key) it applies to, or null for every region.</param>
/// <param name="Factor">The multiplier reached at the end of the ramp (0 or more; 3 = triple).</param>
/// <param name="Ramp">How long the curve takes to reach the factor; zero for a step.</param>
public sealed record DemandGrowth(SimTime From, string? JobClass, string? DemandRegion, GrowthCurve Curve, double Factor, SimDuration Ramp)
{
    /// <summary>True when a job of <paramref name="jobClass"/> from <paramref name="demandRegion"/> is affected.</summary>
    public bool Matches(string jobClass, string? demandRegion)
        => (JobClass is null || JobClass == jobClass) && (DemandRegion is null || DemandRegion == demandRegion);

    /// <summary>The multiplier at <paramref name="t"/>: 1 before the start date.</summary>
    public double At(SimTime t)
    {
        if (t < From) return 1;
        if (Curve == GrowthCurve.Step || Ramp <= SimDuration.Zero) return Factor;
        double x = Math.Min(1, (t - From).Microseconds / (double)Ramp.Microseconds);
        return Curve == GrowthCurve.Linear ? 1 + (Factor - 1) * x : Math.Pow(Factor, x);
    }

    /// <summary>The largest multiplier it ever reaches.</summary>
    public double Max => Math.Max(1, Factor);
}
