using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace ComputeScheduler.Validation.Queueing;

/// <summary>
/// The Student-t confidence interval of a mean from independent replications (one value per
/// seed): mean +- t(1 - alpha/2, n - 1) s / sqrt(n).
/// </summary>
public sealed record MeanInterval(double Mean, double HalfWidth, double Level, int Replications)
{
    public double Low => Mean - HalfWidth;
    public double High => Mean + HalfWidth;

    public bool Contains(double value) => value >= Low && value <= High;

    public static MeanInterval Of(IReadOnlyList<double> replications, double level)
    {
        if (replications.Count < 2) throw new ArgumentException("an interval needs at least two replications", nameof(replications));
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), level, "a confidence level is in (0, 1)");
        int n = replications.Count;
        double mean = replications.Mean();
        double sd = replications.StandardDeviation();
        double t = StudentT.InvCDF(0, 1, n - 1, 1 - (1 - level) / 2);
        return new MeanInterval(mean, t * sd / Math.Sqrt(n), level, n);
    }

    public override string ToString() => FormattableString.Invariant($"{Mean:F1} [{Low:F1}, {High:F1}] ({Level:P0}, n = {Replications})");
}
