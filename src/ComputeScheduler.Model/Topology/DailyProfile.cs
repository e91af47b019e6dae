namespace ComputeScheduler.Model.Topology;

/// <summary>
/// Arithmetic of a quantity that repeats every day in 24 hourly steps (a carbon multiplier, a
/// tariff's prices): its running integral over the day, and its integral from time 0 to any
/// instant. Hour 0 starts at simulated time 0 (00:00 China Standard Time).
/// </summary>
internal static class DailyProfile
{
    public const long HourUs = 3_600_000_000L;
    public const long DayUs = 24 * HourUs;

    /// <summary>The integral from 00:00 to the start of each hour (25 values, the last the whole day), in value-hours.</summary>
    public static double[] Cumulative(double[] hourly)
    {
        var c = new double[hourly.Length + 1];
        for (int h = 0; h < hourly.Length; h++) c[h + 1] = c[h] + hourly[h];
        return c;
    }

    /// <summary>The integral of the profile from time 0 to <paramref name="us"/>, in value-hours.</summary>
    public static double Integral(double[] hourly, double[] cumulative, long us)
    {
        long days = us / DayUs, inDay = us % DayUs;
        int hour = (int)(inDay / HourUs);
        double partial = inDay % HourUs / (double)HourUs;
        return days * cumulative[24] + cumulative[hour] + partial * hourly[hour];
    }
}
