using ComputeScheduler.Reports.Statistics;
using CsCheck;
using Xunit;

namespace ComputeScheduler.Reports.Tests.Statistics;

public sealed class DifferenceIntervalTests
{
    [Fact]
    public void The_paired_interval_of_differences_1_2_3_4_is_2_5_plus_or_minus_t_0975_3_times_sd_over_root_4()
    {
        // Hand computation: mean 2.5; sd = sqrt(((1.5² + 0.5²) x 2) / 3) = 1.2909944; se = sd / 2 = 0.6454972;
        // t(0.975, 3) = 3.1824463; half-width = 3.1824463 x 0.6454972 = 2.0542603.
        var i = DifferenceInterval.Paired([1, 2, 3, 4]);

        Assert.Equal(DifferenceMethod.Paired, i.Method);
        Assert.Equal(3, i.DegreesOfFreedom);
        Assert.Equal(3.182446305, DifferenceInterval.T(3), 6);
        Assert.Equal(2.5, i.Mean, 12);
        Assert.Equal(2.054260257, i.HalfWidth, 6);
        Assert.Equal(0.445739743, i.Low, 6);
        Assert.Equal(4.554260257, i.High, 6);
        Assert.True(i.ExcludesZero);
    }

    [Fact]
    public void The_welch_interval_of_15_18_21_24_against_10_12_14_matches_a_hand_computation()
    {
        // Hand computation: means 12 and 19.5, variances 4 and 15; se² = 4/3 + 15/4 = 5.0833333, se = 2.2546249;
        // Welch–Satterthwaite dof = 5.0833333² / ((4/3)² / 2 + (15/4)² / 3) = 4.6338730;
        // t(0.975, 4.633873) = 2.6328890 (by numerical integration of the t density); half-width = 5.9361770.
        var i = DifferenceInterval.Welch([10, 12, 14], [15, 18, 21, 24]);

        Assert.Equal(DifferenceMethod.Welch, i.Method);
        Assert.Equal(7.5, i.Mean, 12);
        Assert.Equal(4.633872976, i.DegreesOfFreedom, 6);
        Assert.Equal(2.632889006, DifferenceInterval.T(i.DegreesOfFreedom), 5);
        Assert.Equal(5.936177049, i.HalfWidth, 5);
        Assert.Equal(1.563822951, i.Low, 5);
        Assert.Equal(13.436177049, i.High, 5);
        Assert.True(i.ExcludesZero);
    }

    [Fact]
    public void An_interval_around_zero_does_not_exclude_it()
    {
        var i = DifferenceInterval.Paired([1, -1, 1, -1]);
        Assert.Equal(0, i.Mean, 12);
        Assert.False(i.ExcludesZero);
        Assert.False(DifferenceInterval.Welch([1, 2, 3], [1.5, 2.5, 3.5]).ExcludesZero);
    }

    [Fact]
    public void Identical_differences_give_an_interval_of_width_zero_and_constant_sets_the_pooled_degrees_of_freedom()
    {
        var paired = DifferenceInterval.Paired([2, 2, 2]);
        Assert.Equal((2.0, 2.0, true), (paired.Low, paired.High, paired.ExcludesZero));
        var welch = DifferenceInterval.Welch([5, 5], [5, 5, 5]);
        Assert.Equal((0.0, 0.0, 3.0, false), (welch.Low, welch.High, welch.DegreesOfFreedom, welch.ExcludesZero));
    }

    [Fact]
    public void Fewer_than_two_values_have_no_interval()
    {
        Assert.Throws<ArgumentException>(() => DifferenceInterval.Paired([1]));
        Assert.Throws<ArgumentException>(() => DifferenceInterval.Welch([1], [1, 2]));
    }

    [Fact]
    public void Swapping_the_sets_of_a_welch_interval_mirrors_it_and_the_interval_holds_its_mean()
    {
        var values = Gen.Double[-1000, 1000].Array[2, 8];
        Gen.Select(values, values).Sample((a, b) =>
        {
            var ab = DifferenceInterval.Welch(a, b);
            var ba = DifferenceInterval.Welch(b, a);
            Assert.Equal(ab.Low, -ba.High, 6);
            Assert.Equal(ab.HalfWidth, ba.HalfWidth, 9);
            Assert.True(ab.Low <= ab.Mean && ab.Mean <= ab.High);
            Assert.True(ab.DegreesOfFreedom >= Math.Min(a.Length, b.Length) - 1 - 1e-9 && ab.DegreesOfFreedom <= a.Length + b.Length - 2 + 1e-9);
        }, iter: 500, seed: new PCG(17, 3).ToString());
    }

    [Fact]
    public void Welchs_degrees_of_freedom_stay_finite_for_variances_whose_squares_underflow()
    {
        // Found by the property above: variances near 1e-185 square to 0, and Welch–Satterthwaite became 0/0.
        var ci = DifferenceInterval.Welch([0, 0], [-945e-95, -199e-95]);

        Assert.Equal(1, ci.DegreesOfFreedom, 9);
        Assert.True(double.IsFinite(ci.HalfWidth) && ci.Low <= ci.Mean && ci.Mean <= ci.High);
    }
}
