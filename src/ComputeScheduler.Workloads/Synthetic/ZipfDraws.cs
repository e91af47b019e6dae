using MathNet.Numerics;

namespace ComputeScheduler.Workloads.Synthetic;

/// <summary>
/// Draws of Zipf(s, n) on 1..n, the very numbers MathNet.Numerics' <c>Zipf.Sample</c> gives from the
/// same generator, without its cost per draw. MathNet draws r in (0, 1), then adds
/// p / i^s for i = 1, 2, ... (p = 1 / H(n, s)) until the sum reaches r, and returns that i (n + 1
/// when rounding leaves the sum short of r): n + 1 powers per draw. Here the same sums, added in
/// the same order, are kept once in a table, and a draw is a binary search for the first that
/// reaches r; the sums never decrease, so it finds the i the loop stops at.
/// </summary>
public sealed class ZipfDraws
{
    private readonly double[] _sums; // _sums[i - 1] = sum of p / k^s for k = 1..i, as MathNet adds them
    private readonly Random _random;

    public ZipfDraws(double s, int n, Random random)
    {
        if (!(s > 0) || n < 1) throw new ArgumentOutOfRangeException(nameof(n), $"Zipf needs s > 0 and n >= 1, not s = {s}, n = {n}");
        _random = random;
        _sums = new double[n];
        double p = 1.0 / SpecialFunctions.GeneralHarmonic(n, s);
        double sum = 0.0;
        for (int i = 1; i <= n; i++)
        {
            sum += p / Math.Pow(i, s);
            _sums[i - 1] = sum;
        }
    }

    public int Sample()
    {
        double r = 0.0;
        while (r == 0.0) r = _random.NextDouble();
        int lo = 0, hi = _sums.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_sums[mid] >= r) hi = mid;
            else lo = mid + 1;
        }
        return lo + 1;
    }
}
