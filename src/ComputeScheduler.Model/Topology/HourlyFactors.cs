using System.Diagnostics.Contracts;
using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Model.Topology;

/// <summary>
/// A daily profile of a grid's carbon intensity: 24 hourly multipliers of the annual average factor,
/// scaled to a mean of exactly 1 so that a day's mean intensity stays the sourced annual figure.
/// Hour 0 is the first hour of the scenario: simulated time 0 is taken as 00:00 local time
/// (China Standard Time, one zone for the whole country). Immutable.
/// </summary>
public sealed class HourlyFactors
{
    /// <summary>Hours in the profile.</summary>
    public const int Hours = 24;

    private const long HourUs = DailyProfile.HourUs;
    private const long DayUs = DailyProfile.DayUs;

    private readonly double[] _factors;
    private readonly double[] _cumulativeHours; // integral of the factor from 00:00 to the start of each hour, in factor-hours

    /// <param name="factors">24 positive multipliers, hour 0 first; rescaled to mean 1.</param>
    public HourlyFactors(IReadOnlyList<double> factors)
    {
        if (factors.Count != Hours) throw new ArgumentException($"an hourly profile needs {Hours} values, got {factors.Count}");
        double sum = 0;
        foreach (double f in factors)
        {
            if (!(f > 0) || !double.IsFinite(f)) throw new ArgumentException($"hourly factors must be positive numbers, got {f}");
            sum += f;
        }
        _factors = factors.Select(f => f * Hours / sum).ToArray();
        _cumulativeHours = DailyProfile.Cumulative(_factors);
    }

    /// <summary>The multipliers, hour 0 first, mean 1.</summary>
    public IReadOnlyList<double> Factors => _factors;

    /// <summary>Hour of day (0-23) of <paramref name="t"/>.</summary>
    [Pure] public static int HourOfDay(SimTime t) => (int)(t.Microseconds % DayUs / HourUs);

    /// <summary>The multiplier in force at <paramref name="t"/>.</summary>
    [Pure] public double At(SimTime t) => _factors[HourOfDay(t)];

    /// <summary>The time-weighted mean multiplier over [<paramref name="from"/>, <paramref name="to"/>); the one at <paramref name="from"/> when the span is empty.</summary>
    [Pure]
    public double MeanOver(SimTime from, SimTime to)
    {
        if (to <= from) return At(from);
        return (Integral(to.Microseconds) - Integral(from.Microseconds)) / ((to.Microseconds - from.Microseconds) / (double)HourUs);
    }

    /// <summary>Integral of the multiplier from time 0 to <paramref name="us"/>, in factor-hours (24 per whole day).</summary>
    private double Integral(long us) => DailyProfile.Integral(_factors, _cumulativeHours, us);
}
