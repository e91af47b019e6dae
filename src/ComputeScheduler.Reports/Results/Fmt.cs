using System.Globalization;

namespace ComputeScheduler.Reports.Results;

/// <summary>Culture-free number formatting for result files: the same value always prints the same bytes.</summary>
internal static class Fmt
{
    /// <summary>Whole microseconds as exact seconds with six decimals.</summary>
    public static string Seconds(long us)
    {
        if (us == 0) return "0.000000"; // most wait-reason columns: no formatting
        string sign = us < 0 ? "-" : "";
        long a = Math.Abs(us);
        return $"{sign}{(a / 1_000_000).ToString(CultureInfo.InvariantCulture)}.{(a % 1_000_000).ToString("D6", CultureInfo.InvariantCulture)}";
    }

    public static string Number(double v, int decimals = 6)
        => Math.Round(v, decimals, MidpointRounding.ToEven).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);

    public static string Int(long v) => v.ToString(CultureInfo.InvariantCulture);
}
