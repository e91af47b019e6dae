using ComputeScheduler.Model.Performance;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Simulation.National;

/// <summary>
/// The views a dispatch round offers the jobs of one <see cref="JobShape"/>. What does not change
/// during a run is worked out once: the centres its data residency and latency limit allow, the
/// latency to each and which of their pools it can use (natively or ported). At a round's first job
/// of the shape, the views of the centres whose reports changed are built again; within the round only
/// the chips the dispatcher sends are added to them, as it sends them. The views are exactly those
/// the dispatcher would build job by job.
/// </summary>
internal sealed class ShapeCentres
{
    private readonly int[] _centres;      // allowed centres in scenario order
    private readonly double[] _latencyMs; // per allowed centre
    private readonly bool[] _holdsData;   // per allowed centre
    private readonly int[] _poolStart;    // allowed centre i uses pools _pools[_poolStart[i] .. _poolStart[i + 1]]
    private readonly int[] _pools;
    private readonly bool[] _native;

    // This round's views, one per allowed centre in the same order; kept from round to round and
    // rebuilt only for a centre whose inputs changed (RoundState.Versions).
    private readonly CentreView[] _views;
    private readonly int[] _largest;      // per allowed centre: chips of its largest usable pool
    private readonly bool[] _included;    // per allowed centre: it has usable chips this round
    private readonly long[] _built;       // per allowed centre: the version its view was built from, or -1
    private readonly int[] _indexOf;      // per centre id: its allowed index, or -1
    private bool _allIncluded;
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
        for (int c = 0; c < centres.Count; c++)
        {
            var centre = centres[c];
            if (!shape.ResidencyAllows(centre)) continue;
            double ms = 0;
            if (latencyMsToCentre is not null)
            {
                ms = latencyMsToCentre[centre.Id.Value];
                if (shape.LatencyLimitMs is { } limit && ms > limit) continue;
            }
            allowed.Add(c);
            latency.Add(ms);
            holds.Add(shape.HoldsDataIn(centre));
            var report = reports[c];
            for (int p = 0; p < report.Pools.Length; p++)
            {
                var fit = PoolMatch.Of(example, report.Pools[p].ChipModel, report.Pools[p].SoftwareStack, centre.Pools[p].Chip.MemoryGb, performance);
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
        _included = new bool[_centres.Length];
        _built = new long[_centres.Length];
        Array.Fill(_built, -1);
        _indexOf = new int[centres.Count];
        Array.Fill(_indexOf, -1);
        for (int i = 0; i < _centres.Length; i++) _indexOf[centres[_centres[i]].Id.Value] = i;
    }

    /// <summary>
    /// This round's views for a job of <paramref name="chips"/> chips: brought up to date at the round's
    /// first call, then kept up to date with the chips sent since (the round's sent log: the centre of each send).
    /// Where every view fits the job, the views themselves; else those that fit, copied into <paramref name="buffer"/>.
    /// </summary>
    public ReadOnlySpan<CentreView> Views(int round, int chips, in RoundState state, CentreView[] buffer)
    {
        if (_round != round) Build(round, state);
        Refresh(state);
        if (_allIncluded && _minLargest >= chips) return _views;
        int n = 0;
        for (int i = 0; i < _views.Length; i++)
            if (_included[i] && _largest[i] >= chips) buffer[n++] = _views[i];
        return buffer.AsSpan(0, n);
    }

    private void Build(int round, in RoundState state)
    {
        _round = round;
        _sentSeen = 0; // views kept from an earlier round take this round's sends so far in Refresh
        _allIncluded = true;
        _minLargest = int.MaxValue;
        for (int i = 0; i < _centres.Length; i++)
        {
            int c = _centres[i];
            if (_built[i] != state.Versions[c]) BuildView(i, c, state);
            if (!_included[i]) _allIncluded = false;
            else _minLargest = Math.Min(_minLargest, _largest[i]);
        }
    }

    private void BuildView(int i, int c, in RoundState state)
    {
        _built[i] = state.Versions[c]; // Refresh, which follows, marks it again if the round sent chips there
        var report = state.Reports[c];
        int total = 0, free = 0, largest = 0;
        for (int k = _poolStart[i]; k < _poolStart[i + 1]; k++)
        {
            var pool = report.Pools[_pools[k]];
            total += pool.TotalChips;
            if (_native[k]) free += pool.FreeChips;
            largest = Math.Max(largest, pool.TotalChips);
        }
        _included[i] = total > 0;
        _largest[i] = largest;
        if (total == 0) return;
        var centre = state.Centres[c];
        _views[i] = ViewOf(centre, report, total, free, state.SentChips[centre.Id.Value], state.PriceCnyPerKwh[c], _latencyMs[i], 0, _holdsData[i]);
    }

    /// <summary>A centre's view as the dispatcher offers it, from its report and what the job can use there.</summary>
    public static CentreView ViewOf(Model.Topology.CentreSpec centre, CentreReport report, int total, int free, long sentChips, double price,
        double latencyMs, double transferS, bool holdsData)
        => new(centre.Id, centre.Key, centre.Region, total, free, report.QueuedChips + sentChips, report.QueuedJobs, price,
            centre.Pue, centre.CarbonKgPerKwh, latencyMs, transferS, holdsData, centre.CarbonHourly);

    private void Refresh(in RoundState state)
    {
        var log = state.SentLog;
        for (; _sentSeen < log.Count; _sentSeen++)
        {
            int c = log[_sentSeen];
            int i = _indexOf[c];
            if (i < 0 || !_included[i]) continue;
            _views[i] = _views[i] with { QueuedChips = state.Reports[_centres[i]].QueuedChips + state.SentChips[c] };
            _built[i] = -1; // next round starts from the report again
        }
    }
}

/// <summary>
/// What every shape's views of a round are built from. <paramref name="SentChips"/> (per centre id) are the
/// chips sent and not yet in the reports, <paramref name="SentLog"/> the centre of each send of the round.
/// <paramref name="Versions"/> (per centre index) changes whenever anything a view reads of that centre
/// changes: its pools, its queue, the chips sent to it and still crossing the WAN, its price.
/// </summary>
internal readonly record struct RoundState(
    IReadOnlyList<Model.Topology.CentreSpec> Centres,
    IReadOnlyList<CentreReport> Reports,
    long[] SentChips,
    List<int> SentLog,
    double[] PriceCnyPerKwh,
    long[] Versions);
