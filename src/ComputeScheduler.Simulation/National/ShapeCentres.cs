using ComputeScheduler.Model.Performance;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Simulation.National;

/// <summary>
/// The views a dispatch round offers the jobs of one <see cref="JobShape"/>. What does not change
/// during a run is worked out once: the centres its data residency and latency limit allow, the
/// latency to each and which of their pools it can use (natively or ported). Each round the views
/// are built once from the reports; within the round only the chips the dispatcher sends are added
/// to them, as it sends them. The views are exactly those the dispatcher would build job by job.
/// </summary>
internal sealed class ShapeCentres
{
    private readonly int[] _centres;      // allowed centres in scenario order
    private readonly double[] _latencyMs; // per allowed centre
    private readonly bool[] _holdsData;   // per allowed centre
    private readonly int[] _poolStart;    // allowed centre i uses pools _pools[_poolStart[i] .. _poolStart[i + 1]]
    private readonly int[] _pools;
    private readonly bool[] _native;
    private readonly int[] _poolCount;    // pools each centre reported when the shape was worked out

    private readonly CentreView[] _views;
    private readonly int[] _largest;      // per view: chips of its largest usable pool
    private readonly int[] _viewOf;       // per centre id: its view this round, or -1
    private readonly int[] _reportOf;     // per view: the index of its centre's report
    private int _count;
    private int _minLargest;
    private int _round = -1;
    private int _sentSeen;                // entries of the round's sent log already added

    public ShapeCentres(JobShape shape, Model.Jobs.JobSpec example, IReadOnlyList<Model.Topology.CentreSpec> centres,
        IReadOnlyList<CentreReport> reports, double[]? latencyMsToCentre, PerformanceSettings? performance)
    {
        var allowed = new List<int>();
        var latency = new List<double>();
        var holds = new List<bool>();
        var poolStart = new List<int> { 0 };
        var pools = new List<int>();
        var native = new List<bool>();
        _poolCount = new int[centres.Count];
        for (int c = 0; c < centres.Count; c++)
        {
            var centre = centres[c];
            _poolCount[c] = reports[c].Pools.Length;
            if (shape.IsDataRestricted && shape.DataRegion is not null && !string.Equals(centre.Region, shape.DataRegion, StringComparison.Ordinal)) continue;
            double ms = 0;
            if (latencyMsToCentre is not null)
            {
                ms = latencyMsToCentre[centre.Id.Value];
                if (shape.LatencyLimitMs is { } limit && ms > limit) continue;
            }
            allowed.Add(c);
            latency.Add(ms);
            holds.Add(shape.DataCentre >= 0 ? shape.DataCentre == centre.Id.Value
                : shape.DataRegion is not null && string.Equals(centre.Region, shape.DataRegion, StringComparison.Ordinal));
            var report = reports[c];
            for (int p = 0; p < report.Pools.Length; p++)
            {
                var fit = PoolMatch.Of(example, report.Pools[p].ChipModel, report.Pools[p].SoftwareStack, performance);
                if (fit == PoolFit.None) continue;
                pools.Add(p);
                native.Add(fit == PoolFit.Native);
            }
            poolStart.Add(pools.Count);
        }
        (_centres, _latencyMs, _holdsData, _poolStart, _pools, _native) =
            (allowed.ToArray(), latency.ToArray(), holds.ToArray(), poolStart.ToArray(), pools.ToArray(), native.ToArray());
        _views = new CentreView[_centres.Length];
        _largest = new int[_centres.Length];
        _viewOf = new int[centres.Count];
        _reportOf = new int[_centres.Length];
    }

    /// <summary>False when a centre reports another number of pools than when the shape was worked out.</summary>
    public bool Fits(IReadOnlyList<CentreReport> reports)
    {
        for (int c = 0; c < _poolCount.Length; c++)
            if (reports[c].Pools.Length != _poolCount[c]) return false;
        return true;
    }

    /// <summary>
    /// This round's views for a job of <paramref name="chips"/> chips: built at the round's first call,
    /// then kept up to date with the chips sent since (<paramref name="sentLog"/>: the centre of each send).
    /// Where every view fits the job, the views themselves; else those that fit, copied into <paramref name="buffer"/>.
    /// </summary>
    public ReadOnlySpan<CentreView> Views(int round, int chips, RoundState state, CentreView[] buffer)
    {
        if (_round != round) Build(round, state);
        else Refresh(state);
        if (_minLargest >= chips) return _views.AsSpan(0, _count);
        int n = 0;
        for (int i = 0; i < _count; i++)
            if (_largest[i] >= chips) buffer[n++] = _views[i];
        return buffer.AsSpan(0, n);
    }

    private void Build(int round, in RoundState state)
    {
        _round = round;
        _sentSeen = state.SentLog.Count;
        Array.Fill(_viewOf, -1);
        _count = 0;
        _minLargest = int.MaxValue;
        for (int i = 0; i < _centres.Length; i++)
        {
            int c = _centres[i];
            var report = state.Reports[c];
            int total = 0, free = 0, largest = 0;
            for (int k = _poolStart[i]; k < _poolStart[i + 1]; k++)
            {
                var pool = report.Pools[_pools[k]];
                total += pool.TotalChips;
                if (_native[k]) free += pool.FreeChips;
                largest = Math.Max(largest, pool.TotalChips);
            }
            if (total == 0) continue;
            var centre = state.Centres[c];
            _viewOf[centre.Id.Value] = _count;
            _largest[_count] = largest;
            _reportOf[_count] = c;
            _minLargest = Math.Min(_minLargest, largest);
            _views[_count++] = new CentreView(centre.Id, centre.Key, centre.Region, total, free,
                report.QueuedChips + state.SentChips[centre.Id.Value], report.QueuedJobs, state.PriceCnyPerKwh[c], centre.Pue, centre.CarbonKgPerKwh,
                _latencyMs[i], 0, _holdsData[i], centre.CarbonHourly);
        }
    }

    private void Refresh(in RoundState state)
    {
        var log = state.SentLog;
        for (; _sentSeen < log.Count; _sentSeen++)
        {
            int c = log[_sentSeen];
            int v = _viewOf[c];
            if (v >= 0) _views[v] = _views[v] with { QueuedChips = state.Reports[_reportOf[v]].QueuedChips + state.SentChips[c] };
        }
    }
}

/// <summary>What every shape's views of a round are built from.</summary>
internal readonly record struct RoundState(
    IReadOnlyList<Model.Topology.CentreSpec> Centres,
    IReadOnlyList<CentreReport> Reports,
    long[] SentChips,
    List<int> SentLog,
    double[] PriceCnyPerKwh);
