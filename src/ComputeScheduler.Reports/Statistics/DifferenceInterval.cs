using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace ComputeScheduler.Reports.Statistics;

/// <summary>How a difference's confidence interval was computed.</summary>
public enum DifferenceMethod
{
    /// <summary>Over per-seed differences of runs given the same workload: mean d ± t(0.975, n-1)·sd(d)/√n.</summary>
    Paired,

    /// <summary>Welch's unequal-variance interval with Welch–Satterthwaite degrees of freedom.</summary>
    Welch,
}

/// <summary>
/// The 95 % confidence interval of a difference between two sets of runs (other minus baseline),
/// with Student t quantiles. A set of identical values has a standard deviation of 0, and then an
/// interval of width 0.
/// </summary>
/// <param name="Mean">The estimated difference (mean of the paired differences, or difference of the means).</param>
/// <param name="HalfWidth">t quantile times the standard error.</param>
/// <param name="DegreesOfFreedom">n - 1 when paired; Welch–Satterthwaite's otherwise.</param>
public sealed record DifferenceInterval(DifferenceMethod Method, double Mean, double HalfWidth, double DegreesOfFreedom)
{
    public const double Confidence = 0.95;

    public double Low => Mean - HalfWidth;

    public double High => Mean + HalfWidth;

    /// <summary>True when zero lies outside the interval (the difference is significant at 5 %).</summary>
    public bool ExcludesZero => Low > 0 || High < 0;

    /// <summary>The interval of the mean of paired differences (at least two of them).</summary>
    public static DifferenceInterval Paired(IReadOnlyList<double> differences)
    {
        int n = differences.Count;
        if (n < 2) throw new ArgumentException("a paired interval needs at least two differences", nameof(differences));
        // The interval of the mean of the differences.
        var ci = MeanInterval.Of(differences);
        return new(DifferenceMethod.Paired, ci.Mean, ci.High - ci.Mean, n - 1);
    }

    /// <summary>Welch's interval of mean(other) - mean(baseline), each with at least two values.</summary>
    public static DifferenceInterval Welch(IReadOnlyList<double> baseline, IReadOnlyList<double> other)
    {
        if (baseline.Count < 2 || other.Count < 2) throw new ArgumentException("Welch's interval needs at least two values in each set");
        var (m1, v1) = MeanAndVariance(baseline);
        var (m2, v2) = MeanAndVariance(other);
        double a = v1 / baseline.Count, b = v2 / other.Count;
        double se2 = a + b;
        // Both sets constant: no spread, and Welch–Satterthwaite is 0/0; the pooled degrees of freedom stand in.
        // Welch–Satterthwaite on a and b scaled by the larger (the formula is scale-free): squares of
        // tiny variances (1e-185) would otherwise underflow to 0/0.
        double scale = Math.Max(a, b), sa = scale > 0 ? a / scale : 0, sb = scale > 0 ? b / scale : 0;
        double dof = se2 > 0
            ? (sa + sb) * (sa + sb) / (sa * sa / (baseline.Count - 1) + sb * sb / (other.Count - 1))
            : baseline.Count + other.Count - 2;
        return new(DifferenceMethod.Welch, m2 - m1, T(dof) * Math.Sqrt(se2), dof);
    }

    /// <summary>The Student t quantile t(0.975, dof).</summary>
    public static double T(double dof) => StudentT.InvCDF(0, 1, dof, 1 - (1 - Confidence) / 2);

    /// <summary>Mean and sample variance (n - 1 in the denominator), by MathNet.Numerics.</summary>
    private static (double Mean, double Variance) MeanAndVariance(IReadOnlyList<double> values)
    {
        var (mean, variance) = values.MeanVariance();
        return (mean, variance);
    }
}
