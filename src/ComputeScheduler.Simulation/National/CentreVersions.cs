using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Simulation.National;

/// <summary>
/// A number per centre that changes, at the start of a dispatch round, whenever anything a centre
/// view reads of that centre changed since the last round: its pools' live and free chips, its queued
/// jobs and chips (with the chips sent to it still crossing the WAN), its price. Shapes rebuild only
/// the views of centres whose number moved (<see cref="ShapeCentres"/>).
/// </summary>
internal sealed class CentreVersions(int centres)
{
    private readonly PoolReport[][] _pools = new PoolReport[centres][];
    private readonly long[] _queuedChips = new long[centres];
    private readonly int[] _queuedJobs = new int[centres];
    private readonly double[] _price = new double[centres];
    private long _next;

    /// <summary>Per centre index: the version of its inputs this round.</summary>
    public long[] Of { get; } = new long[centres];

    /// <param name="sentChips">Per centre id: chips sent to it and not in its report yet.</param>
    /// <returns>True when a centre reports another number of pools than the round before (what shapes worked out of its pools no longer holds).</returns>
    public bool Stamp(IReadOnlyList<CentreReport> reports, long[] sentChips, double[] price)
    {
        bool poolsChanged = false;
        for (int c = 0; c < Of.Length; c++)
        {
            var report = reports[c];
            long queued = report.QueuedChips + sentChips[report.Centre.Value];
            if (_pools[c] is { } last && SamePools(last, report) && _queuedChips[c] == queued && _queuedJobs[c] == report.QueuedJobs
                && _price[c].Equals(price[c])) continue;
            if (_pools[c]?.Length != report.Pools.Length)
            {
                poolsChanged |= _pools[c] is not null;
                _pools[c] = new PoolReport[report.Pools.Length];
            }
            report.Pools.CopyTo(_pools[c]!);
            (_queuedChips[c], _queuedJobs[c], _price[c]) = (queued, report.QueuedJobs, price[c]);
            Of[c] = ++_next;
        }
        return poolsChanged;
    }

    private static bool SamePools(PoolReport[] last, CentreReport report)
    {
        if (last.Length != report.Pools.Length) return false;
        for (int p = 0; p < last.Length; p++)
            if (last[p] != report.Pools[p]) return false;
        return true;
    }
}
