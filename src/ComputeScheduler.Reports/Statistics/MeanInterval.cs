using MathNet.Numerics.Statistics;

namespace ComputeScheduler.Reports.Statistics;

/// <summary>
/// Mean, sample standard deviation and the 95 % confidence interval of the mean of a metric over
/// seeds: mean ± t(0.975, n − 1) · sd / √n, with Student's t from MathNet.Numerics. With one value
/// there is no spread: sd and the interval are NaN (written as empty cells).
/// </summary>
public readonly record struct MeanInterval(int Count, double Mean, double StandardDeviation, double Low, double High)
{
    public static MeanInterval Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return new MeanInterval(0, double.NaN, double.NaN, double.NaN, double.NaN);
        double mean = values.Mean();
        if (values.Count < 2) return new MeanInterval(1, mean, double.NaN, double.NaN, double.NaN);
        double sd = values.StandardDeviation();
        double half = DifferenceInterval.T(values.Count - 1) * sd / Math.Sqrt(values.Count);
        return new MeanInterval(values.Count, mean, sd, mean - half, mean + half);
    }
}
