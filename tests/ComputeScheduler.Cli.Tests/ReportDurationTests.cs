using ComputeScheduler.Reports.Html;

namespace ComputeScheduler.Cli.Tests;

public class ReportDurationTests
{
    [Theory]
    [InlineData(0, "0 s")]
    [InlineData(0.0148, "14.8 ms")]
    [InlineData(0.5, "500 ms")]
    [InlineData(1, "1 s")]
    [InlineData(42.2, "42.2 s")]
    [InlineData(750, "12.5 min")]
    [InlineData(11_520, "3.20 h")]
    public void Headline_durations_keep_milliseconds_instead_of_rounding_a_request_s_flight_to_zero(double seconds, string shown)
        => Assert.Equal(shown, RunReport.Duration(seconds));
}
