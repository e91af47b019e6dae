using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Performance;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Model.Topology;
using ComputeScheduler.Simulation.Policies;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Simulation.National;

/// <summary>
/// The national level above the centres' local schedulers. Each round (one per window) it sees
/// every centre's last report, filters the centres that honour a job's hard constraints and asks
/// the dispatch policy to choose. A job no centre can ever take is rejected with the reason;
/// a job the policy holds back waits for the next round. Deterministic: jobs in submit order,
/// centres in scenario order. Within a round it counts the chips it has sent to each centre, so a
/// burst is spread as the centres' queues would show it.
/// With <see cref="DispatchTiming.AtSubmit"/> (the default) a round's jobs are sent at their own
/// submit times, on the reports of the round's start, and reach their centre after the one-way WAN
/// latency from their demand region; with <see cref="DispatchTiming.Rounds"/> they are sent at the
/// round's time and reach the centre then.
/// A job whose data lives in a named centre (<see cref="JobSpec.DataCentre"/>) and is sent elsewhere
/// moves its data over the WAN: it reaches the centre no sooner than dispatch time + link latency +
/// data size / link bandwidth, whatever the policy. Until it arrives its chips count as queued there.
/// </summary>
public sealed class NationalDispatcher
{
    private readonly IReadOnlyList<CentreSpec> _centres;
    private readonly Dictionary<string, double[]> _latencyMs;  // demand region -> one-way latency to each centre
    private readonly Dictionary<string, int> _centreIndex;      // centre key -> index
    private readonly double[,] _wanLatencyS;                   // [from, to] one-way latency between centres, s
    private readonly double[,] _wanGbps;                       // [from, to] link bandwidth, Gbit/s
    private readonly IDispatchPolicy _policy;
    private readonly List<(JobSpec Job, SimTime FirstRound)> _waiting = new();  // held jobs and their first round
    private readonly List<(int Centre, long ArrivalUs, int Chips)> _inTransit = new();
    private readonly CentreView[] _views;
    private readonly long[] _sentChips;
    private readonly List<int> _sentLog = new();   // the centre of each job sent this round, in order
    private readonly double[] _priceNow;           // each centre's price at the round's time
    private readonly CentreVersions _versions;
    private readonly Dictionary<JobShape, ShapeCentres> _shapes = new();
    private int _round;
    private RoundState _roundState;                // what the shapes' views are built from this round

    private readonly WanSettings _wan;
    private readonly PerformanceSettings? _performance;

    /// <param name="performance">The performance settings whose porting rules let a job go to pools of another stack; null for none.</param>
    public NationalDispatcher(IReadOnlyList<CentreSpec> centres, IReadOnlyList<DemandRegion> demand, WanSettings wan, IDispatchPolicy policy,
        PerformanceSettings? performance = null)
    {
        _centres = centres;
        _wan = wan;
        _performance = performance;
        // Geography does not change during a run: the latencies are computed once, not per job.
        _latencyMs = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var d in demand) _latencyMs[d.Key] = centres.Select(c => WanMap.LatencyMs(d, c, wan)).ToArray();
        _centreIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < centres.Count; i++) _centreIndex[centres[i].Key] = i;
        _wanLatencyS = new double[centres.Count, centres.Count];
        _wanGbps = new double[centres.Count, centres.Count];
        for (int a = 0; a < centres.Count; a++)
            for (int b = 0; b < centres.Count; b++)
            {
                var (ca, cb) = (centres[a], centres[b]);
                _wanLatencyS[a, b] = WanMap.Link(ca.Key, ca.LatDeg, ca.LonDeg, cb.Key, cb.LatDeg, cb.LonDeg, wan).LatencyMs / 1000d;
                _wanGbps[a, b] = wan.GbpsBetween(ca.Key, cb.Key);
            }
        _policy = policy;
        _views = new CentreView[centres.Count];
        _sentChips = new long[centres.Count];
        _priceNow = new double[centres.Count];
        _versions = new CentreVersions(centres.Count);
    }

    /// <summary>
    /// True (the default) to build each round's views once per shape of job (<see cref="ShapeCentres"/>);
    /// false to build them job by job, the plain rule the shapes must reproduce exactly (for tests).
    /// </summary>
    internal bool ViewsByShape { get; init; } = true;

    /// <summary>When a round's jobs are sent (the scenario's <c>simulation.dispatchTiming</c>); <see cref="DispatchTiming.AtSubmit"/> by default.</summary>
    public DispatchTiming Timing { get; init; } = DispatchTiming.AtSubmit;

    public string PolicyName => _policy.Name;

    /// <summary>Jobs held at the national level for a later round.</summary>
    public int Waiting => _waiting.Count;

    /// <summary>Answers one dispatch request of the window protocol.</summary>
    public DispatchReply Answer(DispatchRequest request) => new(Dispatch(request.Now, request.Submitted, request.Reports), Waiting);

    /// <summary>
    /// Dispatches the held jobs at <paramref name="now"/> and then <paramref name="submitted"/> (at their
    /// submit times with <see cref="DispatchTiming.AtSubmit"/>, else at <paramref name="now"/>), given the
    /// centres' reports at <paramref name="now"/> (indexed by centre id).
    /// </summary>
    public DispatchRound Dispatch(SimTime now, IReadOnlyList<JobSpec> submitted, IReadOnlyList<CentreReport> reports)
    {
        Array.Clear(_sentChips);
        _sentLog.Clear();
        _round++;
        for (int c = 0; c < _centres.Count; c++) _priceNow[c] = _centres[c].Tariff?.PriceAt(now) ?? _centres[c].PriceCnyPerKwh;
        // Jobs still crossing the WAN are not in their centre's report yet: count them as queued there.
        _inTransit.RemoveAll(t => t.ArrivalUs < reports[t.Centre].Reached.Microseconds);
        foreach (var t in _inTransit) _sentChips[t.Centre] += t.Chips;
        if (_versions.Stamp(reports, _sentChips, _priceNow)) _shapes.Clear();
        _roundState = new RoundState(_centres, reports, _sentChips, _sentLog, _priceNow, _versions.Of);
        var assigned = new List<DispatchAssignment>();
        var rejected = new List<JobOutcome>();
        var held = new List<(JobSpec, SimTime)>();
        foreach (var (job, firstRound) in _waiting) DispatchOne(now, firstRound, job, reports, assigned, rejected, held);
        foreach (var job in submitted)
        {
            var at = Timing == DispatchTiming.AtSubmit && job.Submit > now ? job.Submit : now;
            DispatchOne(at, at, job, reports, assigned, rejected, held);
        }
        _waiting.Clear();
        _waiting.AddRange(held);
        return new DispatchRound(assigned, rejected);
    }

    private void DispatchOne(SimTime now, SimTime firstRound, JobSpec job, IReadOnlyList<CentreReport> reports,
        List<DispatchAssignment> assigned, List<JobOutcome> rejected, List<(JobSpec, SimTime)> held)
    {
        if (job.TargetCentre is { } target)
        {
            assigned.Add(new DispatchAssignment(target, job, now) { Dispatched = now, FirstRound = firstRound });
            return;
        }
        int dataCentre = -1;
        if (job.DataCentre is { } dataKey && !_centreIndex.TryGetValue(dataKey, out dataCentre))
        {
            rejected.Add(JobOutcome.Rejected(job, now, null, $"its data centre '{dataKey}' is not a centre of the scenario"));
            return;
        }
        var eligible = ViewsByShape ? ShapeViews(now, job, dataCentre, reports) : ReadOnlySpan<CentreView>.Empty;
        if (eligible.IsEmpty)
        {
            int n = 0;
            string? reason = null;
            var shape = JobShape.Of(job, dataCentre, _performance);
            for (int c = 0; c < _centres.Count; c++)
            {
                if (!TryView(now, job, shape, c, reports[c], out var view, ref reason)) continue;
                _views[n++] = view;
            }
            if (n == 0)
            {
                rejected.Add(JobOutcome.Rejected(job, now, null, reason ?? "no centre can take it"));
                return;
            }
            eligible = _views.AsSpan(0, n);
        }
        var decision = _policy.Dispatch(now, job, eligible);
        if (!decision.IsAssigned)
        {
            held.Add((job, firstRound));
            return;
        }
        int chosen = decision.Centre.Value;
        _sentChips[chosen] += job.Chips;
        _sentLog.Add(chosen);
        var arrival = now + SimDuration.FromSecondsCeiling(Math.Max(RequestSeconds(job, chosen), dataCentre >= 0 ? TransferSeconds(job, dataCentre, chosen, now) : 0));
        // Counted as queued there until the centre's report shows it (one arriving inside the window is in the next).
        if (arrival > now) _inTransit.Add((chosen, arrival.Microseconds, job.Chips));
        assigned.Add(new DispatchAssignment(decision.Centre, job, arrival) { Dispatched = now, FirstRound = firstRound });
    }

    /// <summary>The views of the job's shape this round (empty when no centre fits it: the plain rule then says why).</summary>
    private ReadOnlySpan<CentreView> ShapeViews(SimTime now, JobSpec job, int dataCentre, IReadOnlyList<CentreReport> reports)
    {
        var key = JobShape.Of(job, dataCentre, _performance);
        if (!_shapes.TryGetValue(key, out var shape))
        {
            double[]? latency = job.DemandRegion is not null && _latencyMs.TryGetValue(job.DemandRegion, out var toCentre) ? toCentre : null;
            _shapes[key] = shape = new ShapeCentres(key, job, _centres, reports, latency, _performance);
        }
        var views = shape.Views(_round, job.Chips, _roundState, _views);
        if (dataCentre < 0 || views.IsEmpty) return views;
        // The data's transfer depends on its size: each view gets the job's own.
        if (!views.Overlaps(_views)) views.CopyTo(_views);
        for (int i = 0; i < views.Length; i++)
            _views[i] = _views[i] with { TransferS = TransferSeconds(job, dataCentre, _views[i].Centre.Value, now) };
        return _views.AsSpan(0, views.Length);
    }

    /// <summary>
    /// The one-way WAN latency of the job's request from its demand region to centre <paramref name="to"/>, s:
    /// 0 for a job with no demand region, or with <see cref="DispatchTiming.Rounds"/> (a round's jobs reach their centre at the round).
    /// </summary>
    private double RequestSeconds(JobSpec job, int to)
        => Timing == DispatchTiming.AtSubmit && job.DemandRegion is not null && _latencyMs.TryGetValue(job.DemandRegion, out var toCentre)
            ? toCentre[to] / 1000d
            : 0;

    /// <summary>WAN transfer of the job's data between two centres at <paramref name="now"/>: one-way latency + size / bandwidth (after any link upgrade in force).</summary>
    private double TransferSeconds(JobSpec job, int from, int to, SimTime now)
    {
        if (from == to) return 0;
        double gbps = _wan.Upgrades.Count == 0 ? _wanGbps[from, to] : _wan.GbpsBetween(_centres[from].Key, _centres[to].Key, now);
        return _wanLatencyS[from, to] + job.DataSizeGb * 8d / gbps;
    }

    /// <summary>The view of centre <paramref name="index"/> for the job, built job by job: the plain rule, and the one that says why no centre can take it.</summary>
    private bool TryView(SimTime now, JobSpec job, JobShape shape, int index, CentreReport report, out CentreView view, ref string? reason)
    {
        view = default;
        var centre = _centres[index];
        if (!shape.ResidencyAllows(centre))
        {
            reason ??= $"data restricted to region '{job.DataRegion}' and no centre there can take it";
            return false;
        }
        double latencyMs = 0;
        if (job.DemandRegion is not null && _latencyMs.TryGetValue(job.DemandRegion, out var toCentre))
        {
            latencyMs = toCentre[centre.Id.Value];
            if (job.LatencyLimitMs is { } limit && latencyMs > limit)
            {
                reason ??= $"no centre able to take it is within {limit} ms of demand region '{job.DemandRegion}'";
                return false;
            }
        }
        int total = 0, free = 0, largest = 0;
        bool memoryShort = false;
        for (int p = 0; p < report.Pools.Length; p++)
        {
            var pool = report.Pools[p];
            var fit = PoolMatch.ModelAndStack(job, pool.ChipModel, pool.SoftwareStack, _performance);
            if (fit == PoolFit.None) continue;
            if (!PoolMatch.Holds(job, centre.Pools[p].Chip.MemoryGb, _performance))
            {
                memoryShort = true;
                continue;
            }
            // A pool the job's code can be ported to can take it, but not at once: its chips count as taken.
            bool native = fit == PoolFit.Native;
            total += pool.TotalChips;
            if (native) free += pool.FreeChips;
            largest = Math.Max(largest, pool.TotalChips);
        }
        if (total == 0 || largest < job.Chips) // total == 0: no matching pool, even for a job of no chips
        {
            reason = total == 0 && memoryShort
                ? PoolMatch.MemoryShort(_performance!.MemoryPerChipGb(job.JobClass), job.JobClass) + "the chips of any centre it may use hold"
                : total == 0
                ? $"no centre has chip model '{job.ChipModel ?? "any"}' with stack '{job.SoftwareStack ?? "any"}'"
                : $"needs {job.Chips} chips, more than any matching pool holds";
            return false;
        }
        int c = centre.Id.Value;
        view = ShapeCentres.ViewOf(centre, report, total, free, _sentChips[c], _priceNow[index], latencyMs,
            shape.DataCentre >= 0 ? TransferSeconds(job, shape.DataCentre, c, now) : 0, shape.HoldsDataIn(centre));
        return true;
    }
}
