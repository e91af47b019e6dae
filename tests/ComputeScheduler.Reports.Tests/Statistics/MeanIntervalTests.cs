using ComputeScheduler.Reports.Statistics;

namespace ComputeScheduler.Reports.Tests.Statistics;

public sealed class MeanIntervalTests
{
    [Fact]
    public void The_95_percent_interval_of_four_values_matches_a_hand_computation_with_Student_t()
    {
        // 1, 2, 3, 4: mean 2.5, sample sd sqrt(5/3) = 1.290994, t(0.975, 3) = 3.182446 (tables),
        // half-width 3.182446 x 1.2909944 / 2 = 2.054260.
        var ci = MeanInterval.Of([1, 2, 3, 4]);

        Assert.Equal(4, ci.Count);
        Assert.Equal(2.5, ci.Mean, 12);
        Assert.Equal(1.290994, ci.StandardDeviation, 6);
        Assert.Equal(2.5 - 2.054260, ci.Low, 5);
        Assert.Equal(2.5 + 2.054260, ci.High, 5);
    }

    [Fact]
    public void One_value_has_a_mean_and_no_spread()
    {
        var ci = MeanInterval.Of([7]);

        Assert.Equal((1, 7.0), (ci.Count, ci.Mean));
        Assert.True(double.IsNaN(ci.StandardDeviation) && double.IsNaN(ci.Low) && double.IsNaN(ci.High));
    }
}
