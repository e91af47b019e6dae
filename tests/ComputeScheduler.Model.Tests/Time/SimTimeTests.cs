using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Model.Tests.Time;

public class SimTimeTests
{
    [Fact]
    public void A_point_minus_a_point_is_a_duration_and_a_point_plus_a_duration_is_a_point()
    {
        var start = SimTime.FromSeconds(10);
        var end = start + SimDuration.FromMinutes(2);

        Assert.Equal(130_000_000, end.Microseconds);
        Assert.Equal(SimDuration.FromSeconds(120), end - start);
    }

    [Fact]
    public void Durations_from_hours_and_days_are_exact_microseconds()
    {
        Assert.Equal(7_200_000_000, SimDuration.FromHours(2).Microseconds);
        Assert.Equal(86_400_000_000, SimDuration.FromDays(1).Microseconds);
    }

    [Fact]
    public void Ceiling_conversion_never_shortens_a_runtime()
    {
        Assert.Equal(1, SimDuration.FromSecondsCeiling(0.0000001).Microseconds);
        Assert.Equal(2_000_000, SimDuration.FromSecondsCeiling(2.0).Microseconds);
    }

    [Fact]
    public void Times_order_by_their_microseconds()
    {
        Assert.True(SimTime.FromMicroseconds(1) < SimTime.FromMicroseconds(2));
        Assert.Equal(SimTime.FromMicroseconds(5), SimTime.Max(SimTime.FromMicroseconds(5), SimTime.Zero));
    }
}
