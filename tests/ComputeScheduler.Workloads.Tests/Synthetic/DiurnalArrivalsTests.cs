using ComputeScheduler.Workloads.Synthetic;
using CsCheck;

namespace ComputeScheduler.Workloads.Tests.Synthetic;

public class DiurnalArrivalsTests
{
    [Fact]
    public void Arrival_times_are_those_of_a_plain_bisection_from_the_whole_span_for_every_target()
    {
        Gen.Select(Gen.Double[1, 4e6], Gen.Double[0, 0.99], Gen.Int[1, 3000], Gen.Int)
            .Sample((spanS, amplitude, count, seed) =>
            {
                var arrivals = new DiurnalArrivals(spanS, amplitude);
                var got = arrivals.Times(count, new Random(seed)).ToArray();
                var random = new Random(seed);
                double total = arrivals.Cumulative(spanS), v = 0;
                for (int left = count, i = 0; left > 0; left--, i++)
                {
                    v = 1 - (1 - v) * Math.Pow(random.NextDouble(), 1d / left);
                    double want = PlainBisection(arrivals, spanS, v * total);
                    if (BitConverter.DoubleToInt64Bits(got[i]) != BitConverter.DoubleToInt64Bits(want)) return false;
                    if (BitConverter.DoubleToInt64Bits(arrivals.Invert(v * total)) != BitConverter.DoubleToInt64Bits(want)) return false;
                }
                return true;
            }, iter: 300, seed: "0N0XIzNsQ0O2");
    }

    private static double PlainBisection(DiurnalArrivals arrivals, double spanS, double target)
    {
        double lo = 0, hi = spanS;
        for (int i = 0; i < 60 && hi - lo > 1e-7; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (arrivals.Cumulative(mid) < target) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }
}
