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
        var path = new BisectionPath();
        double v = 0;
        for (int left = count; left > 0; left--)
        {
            v = 1 - (1 - v) * Math.Pow(random.NextDouble(), 1d / left);
            yield return Invert(v * _totalIntensity, path);
        }
    }

    /// <summary>The time at which the cumulative intensity reaches <paramref name="target"/> (bisection; monotone since A &lt; 1).</summary>
    public double Invert(double target) => Invert(target, new BisectionPath());

    /// <summary>
    /// The midpoints of the last bisection and the cumulative intensity at each. Every bisection
    /// starts from [0, span], so successive targets close together visit the same midpoints for
    /// their first steps: the intensity there is taken from the last one (the same number, as
    /// <see cref="Cumulative"/> is a function of the midpoint alone) instead of computed again.
    /// </summary>
    private sealed class BisectionPath
    {
        public const int MaxSteps = 60;
        public readonly double[] Mid = CreateMids();
        public readonly double[] Value = new double[MaxSteps];

        private static double[] CreateMids()
        {
            var mids = new double[MaxSteps];
            Array.Fill(mids, double.NaN); // equal to no midpoint
            return mids;
        }
    }

    private double Invert(double target, BisectionPath path)
    {
        double lo = 0, hi = _spanS;
        for (int i = 0; i < BisectionPath.MaxSteps && hi - lo > 1e-7; i++)
        {
            double mid = 0.5 * (lo + hi);
            double value;
            if (path.Mid[i] == mid) value = path.Value[i];
            else
            {
                value = Cumulative(mid);
                path.Mid[i] = mid;
                path.Value[i] = value;
            }
            if (value < target) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }
}
