namespace ComputeScheduler.Workloads.Synthetic;

/// <summary>
/// Exactly N arrival times over [0, span], in increasing order, streamed: the order statistics
/// of N draws from a density with a daily cycle, rate(t) proportional to 1 + A sin(2 pi t / day).
/// Uniform order statistics are drawn ascending (V_next = 1 - (1 - V) U^(1/n), n = draws left),
/// then mapped through the inverse cumulative rate. O(1) memory.
/// </summary>
public sealed class DiurnalArrivals
{
    private const double DayS = 86_400d;
    private readonly double _spanS;
    private readonly double _amplitude;
    private readonly double _totalIntensity;

    public DiurnalArrivals(double spanS, double amplitude)
    {
        _spanS = spanS;
        _amplitude = amplitude;
        _totalIntensity = Cumulative(spanS);
    }

    /// <summary>Cumulative intensity: integral of 1 + A sin(2 pi t / day) from 0 to t.</summary>
    public double Cumulative(double tS) => tS + _amplitude * DayS / (2 * Math.PI) * (1 - Math.Cos(2 * Math.PI * tS / DayS));

    public IEnumerable<double> Times(int count, Random random)
    {
        double v = 0;
        for (int left = count; left > 0; left--)
        {
            v = 1 - (1 - v) * Math.Pow(random.NextDouble(), 1d / left);
            yield return Invert(v * _totalIntensity);
        }
    }

    /// <summary>The time at which the cumulative intensity reaches <paramref name="target"/> (bisection then Newton; monotone since A &lt; 1).</summary>
    private double Invert(double target)
    {
        double lo = 0, hi = _spanS;
        for (int i = 0; i < 60 && hi - lo > 1e-7; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (Cumulative(mid) < target) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }
}
