using ComputeScheduler.Model.Time;
using ComputeScheduler.Model.Topology;

namespace ComputeScheduler.Model.Tests.Topology;

public class HourlyFactorsTests
{
    // 3 for hours 0-11 and 1 for 12-23: mean 2, rescaled to 1.5 and 0.5.
    private static readonly HourlyFactors HalfDays = new([.. Enumerable.Repeat(3.0, 12), .. Enumerable.Repeat(1.0, 12)]);

    private static SimTime At(double hours) => SimTime.FromSeconds(hours * 3600);

    [Fact]
    public void Factors_are_rescaled_to_a_mean_of_one_so_the_annual_factor_stays_the_daily_mean()
    {
        Assert.Equal(1.5, HalfDays.At(At(0)));
        Assert.Equal(1.5, HalfDays.At(At(11.99)));
        Assert.Equal(0.5, HalfDays.At(At(12)));
        Assert.Equal(0.5, HalfDays.At(At(24 + 23.5)));   // the next day repeats
        Assert.Equal(24, HalfDays.Factors.Sum(), 12);
    }

    [Fact]
    public void The_mean_over_a_run_weighs_each_hour_by_the_time_spent_in_it()
    {
        // 10:00-14:00: 2 h at 1.5 and 2 h at 0.5: mean 1.0. 11:30-12:30: half an hour of each: 1.0.
        // 06:00-12:00: all 1.5. A whole day from 05:00: 1.0. Two days and a quarter from 0: (2 x 24 + 6 x 1.5) / 54.
        Assert.Equal(1.0, HalfDays.MeanOver(At(10), At(14)), 12);
        Assert.Equal(1.0, HalfDays.MeanOver(At(11.5), At(12.5)), 12);
        Assert.Equal(1.5, HalfDays.MeanOver(At(6), At(12)), 12);
        Assert.Equal(1.0, HalfDays.MeanOver(At(5), At(29)), 12);
        Assert.Equal((48 + 9) / 54.0, HalfDays.MeanOver(At(0), At(54)), 12);
        Assert.Equal(0.5, HalfDays.MeanOver(At(13), At(13)));
    }

    [Fact]
    public void A_profile_needs_24_positive_values()
    {
        Assert.Throws<ArgumentException>(() => new HourlyFactors([1.0, 2.0]));
        Assert.Throws<ArgumentException>(() => new HourlyFactors([0.0, .. Enumerable.Repeat(1.0, 23)]));
    }

    [Fact]
    public void The_solar_dip_shape_is_lowest_at_midday_and_highest_in_the_evening()
    {
        Assert.True(CarbonShapes.TryGet(CarbonShapes.SolarDip, out var dip));
        Assert.NotNull(dip);
        var f = dip.Factors;
        Assert.Equal(f.Min(), f[12]);
        Assert.Equal(f.Max(), f[19]);
        Assert.True(CarbonShapes.TryGet(CarbonShapes.Flat, out var flat));
        Assert.Null(flat);
        Assert.False(CarbonShapes.TryGet("moonlight", out _));
    }

    [Fact]
    public void A_centre_without_a_profile_has_its_annual_factor_all_day_and_with_one_the_hours()
    {
        var centre = new CentreSpec(new Ids.CentreId(0), "c", "c", "h", "r", 0, 0, 1.2, 0.5, 0.6, 50, 1, 4, []);
        Assert.Equal(0.6, centre.CarbonKgPerKwhAt(At(13)));
        Assert.Equal(0.3, (centre with { CarbonHourly = HalfDays }).CarbonKgPerKwhAt(At(13)), 12);
    }
}
