namespace ComputeScheduler.Scheduling.QueueOrder;

/// <summary>
/// The Gittins index of a job that has attained service <c>a</c>, over an empirical distribution of
/// job service S: <c>G(a) = max over D of P(S - a &lt;= D | S &gt; a) / E[min(S - a, D) | S &gt; a]</c>,
/// the best chance of finishing per unit of further service (Gittins 1989; used by Tiresias with
/// the distribution of past jobs' service). Higher is served first. Samples are the most recent
/// <see cref="Window"/> observations; the sorted copy is rebuilt every <see cref="RebuildEvery"/> additions.
/// </summary>
public sealed class GittinsIndex
{
    public const int Window = 2048;
    public const int RebuildEvery = 64;

    private readonly double[] _ring = new double[Window];
    private int _count;
    private int _next;
    private int _sinceRebuild = RebuildEvery;
    private double[] _sorted = [];

    public void Observe(double serviceChipS)
    {
        _ring[_next] = serviceChipS;
        _next = (_next + 1) % Window;
        if (_count < Window) _count++;
        if (++_sinceRebuild >= RebuildEvery || _count <= RebuildEvery)
        {
            _sorted = _ring[.._count];
            Array.Sort(_sorted);
            _sinceRebuild = 0;
        }
    }

    /// <summary>G(a); 0 when no observed job had more service than <paramref name="attainedChipS"/>.</summary>
    public double Of(double attainedChipS)
    {
        var s = _sorted;
        int k = UpperBound(s, attainedChipS);
        int n = s.Length, m = n - k;
        if (m <= 0) return 0;
        double best = 0, sumBelow = 0;
        for (int j = k; j < n; j++)
        {
            double d = s[j] - attainedChipS;
            sumBelow += d;
            if (j + 1 < n && s[j + 1] == s[j]) continue; // take all equal samples together
            double expected = sumBelow + (n - 1 - j) * d;
            if (expected <= 0) continue;
            best = Math.Max(best, (j - k + 1) / expected);
        }
        return best;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
