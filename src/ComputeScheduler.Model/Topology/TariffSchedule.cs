using System.Diagnostics.Contracts;
using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Model.Topology;

/// <summary>
/// A centre's electricity price over time: the flat scenario price until the first dated tariff,
/// then each tariff's 24 hourly prices (time-of-use: peak, flat and valley hours) from its date
/// until the next. Hour 0 is 00:00 China Standard Time, as for carbon profiles. Immutable.
/// </summary>
public sealed class TariffSchedule
{
    private const long HourUs = DailyProfile.HourUs;

    private readonly long[] _fromUs;         // ascending; period i holds from _fromUs[i] to _fromUs[i + 1]
    private readonly double[][] _hourly;     // CNY/kWh per hour of day, per period
    private readonly double[][] _cumulative; // per period: integral from 00:00 to the start of each hour, CNY/kWh x hours

    /// <param name="flatCnyPerKwh">The price before the first tariff.</param>
    /// <param name="tariffs">Dated tariffs, each 24 hourly prices (hour 0 first); dates after time 0.</param>
    public TariffSchedule(double flatCnyPerKwh, IReadOnlyList<(SimTime From, IReadOnlyList<double> HourlyCnyPerKwh)> tariffs)
    {
        var ordered = tariffs.OrderBy(t => t.From.Microseconds).ToList();
        _fromUs = [0, .. ordered.Select(t => t.From.Microseconds)];
        _hourly = [Enumerable.Repeat(flatCnyPerKwh, 24).ToArray(), .. ordered.Select(t => t.HourlyCnyPerKwh.ToArray())];
        foreach (var h in _hourly)
            if (h.Length != 24 || h.Any(p => !(p >= 0) || !double.IsFinite(p))) throw new ArgumentException("a tariff needs 24 prices of 0 or more");
        _cumulative = _hourly.Select(DailyProfile.Cumulative).ToArray();
    }

    /// <summary>The price in force at <paramref name="t"/>, CNY/kWh.</summary>
    [Pure]
    public double PriceAt(SimTime t) => _hourly[PeriodAt(t.Microseconds)][HourlyFactors.HourOfDay(t)];

    /// <summary>The time-weighted mean price over [<paramref name="from"/>, <paramref name="to"/>); the one at <paramref name="from"/> when the span is empty.</summary>
    [Pure]
    public double MeanPriceOver(SimTime from, SimTime to)
    {
        long a = from.Microseconds, b = to.Microseconds;
        if (b <= a) return PriceAt(from);
        double sum = 0;
        for (int p = PeriodAt(a); p < _fromUs.Length && (p == 0 || _fromUs[p] < b); p++)
        {
            long lo = Math.Max(a, _fromUs[p]);
            long hi = p + 1 < _fromUs.Length ? Math.Min(b, _fromUs[p + 1]) : b;
            if (hi > lo) sum += Integral(p, hi) - Integral(p, lo);
        }
        return sum / ((b - a) / (double)HourUs);
    }

    /// <summary>Integral of period <paramref name="p"/>'s hourly price from time 0 to <paramref name="us"/>, CNY/kWh x hours.</summary>
    private double Integral(int p, long us) => DailyProfile.Integral(_hourly[p], _cumulative[p], us);

    private int PeriodAt(long us)
    {
        int p = 0;
        while (p + 1 < _fromUs.Length && _fromUs[p + 1] <= us) p++;
        return p;
    }
}
