using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Model.Topology;
using ComputeScheduler.Scheduling.Abstractions;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Scheduling.Dispatch;

/// <summary>
/// The national level above the centres' local schedulers. Each round (one per window) it sees
/// every centre's last report, filters the centres that honour a job's hard constraints and asks
/// the dispatch policy to choose. A job no centre can ever take is rejected with the reason;
/// a job the policy holds back waits for the next round. Deterministic: jobs in submit order,
/// centres in scenario order.
/// </summary>
public sealed class NationalDispatcher
{
    private readonly IReadOnlyList<CentreSpec> _centres;
    private readonly Dictionary<string, double[]> _latencyMs;  // demand region -> one-way latency to each centre
    private readonly IDispatchPolicy _policy;
    private readonly List<JobSpec> _waiting = new();
    private readonly CentreView[] _views;
    private readonly long[] _sentChips;

    public NationalDispatcher(IReadOnlyList<CentreSpec> centres, IReadOnlyList<DemandRegion> demand, WanSettings wan, IDispatchPolicy policy)
    {
        _centres = centres;
        // Geography does not change during a run: the latencies are computed once, not per job.
        _latencyMs = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var d in demand) _latencyMs[d.Key] = centres.Select(c => WanMap.LatencyMs(d, c, wan)).ToArray();
        _policy = policy;
        _views = new CentreView[centres.Count];
        _sentChips = new long[centres.Count];
    }

    public string PolicyName => _policy.Name;

    /// <summary>Jobs held at the national level for a later round.</summary>
    public int Waiting => _waiting.Count;

    /// <summary>
    /// Dispatches the held jobs and then <paramref name="submitted"/> at <paramref name="now"/>,
    /// given the centres' reports (indexed by centre id).
    /// </summary>
    public DispatchRound Dispatch(SimTime now, IReadOnlyList<JobSpec> submitted, IReadOnlyList<CentreReport> reports)
    {
        Array.Clear(_sentChips);
        var assigned = new List<(CentreId Centre, JobSpec Job)>();
        var rejected = new List<JobOutcome>();
        var held = new List<JobSpec>();
        foreach (var job in _waiting) DispatchOne(now, job, reports, assigned, rejected, held);
        foreach (var job in submitted) DispatchOne(now, job, reports, assigned, rejected, held);
        _waiting.Clear();
        _waiting.AddRange(held);
        return new DispatchRound(assigned, rejected);
    }

    private void DispatchOne(SimTime now, JobSpec job, IReadOnlyList<CentreReport> reports,
        List<(CentreId, JobSpec)> assigned, List<JobOutcome> rejected, List<JobSpec> held)
    {
        if (job.TargetCentre is { } target)
        {
            assigned.Add((target, job));
            return;
        }
        int n = 0;
        string? reason = null;
        for (int c = 0; c < _centres.Count; c++)
        {
            if (!TryView(job, _centres[c], reports[c], out var view, ref reason)) continue;
            _views[n++] = view;
        }
        if (n == 0)
        {
            rejected.Add(JobOutcome.Rejected(job, now, null, reason ?? "no centre can take it"));
            return;
        }
        var decision = _policy.Dispatch(job, _views.AsSpan(0, n));
        if (!decision.IsAssigned)
        {
            held.Add(job);
            return;
        }
        _sentChips[decision.Centre.Value] += job.Chips;
        assigned.Add((decision.Centre, job));
    }

    private bool TryView(JobSpec job, CentreSpec centre, CentreReport report, out CentreView view, ref string? reason)
    {
        view = default;
        if (job.IsDataRestricted && job.DataRegion is not null && !string.Equals(centre.Region, job.DataRegion, StringComparison.Ordinal))
        {
            reason ??= $"data restricted to region '{job.DataRegion}' and no centre there can take it";
            return false;
        }
        double latencyMs = 0;
        if (job.LatencyLimitMs is { } limit && job.DemandRegion is not null)
        {
            if (_latencyMs.TryGetValue(job.DemandRegion, out var toCentre))
            {
                latencyMs = toCentre[centre.Id.Value];
                if (latencyMs > limit)
                {
                    reason ??= $"no centre able to take it is within {limit} ms of demand region '{job.DemandRegion}'";
                    return false;
                }
            }
        }
        int total = 0, free = 0, largest = 0;
        for (int p = 0; p < report.Pools.Length; p++)
        {
            var pool = report.Pools[p];
            if (!job.AllowsChip(pool.ChipModel)) continue;
            if (job.SoftwareStack is not null && !string.Equals(job.SoftwareStack, pool.SoftwareStack, StringComparison.Ordinal)) continue;
            total += pool.TotalChips;
            free += pool.FreeChips;
            largest = Math.Max(largest, pool.TotalChips);
        }
        if (largest < job.Chips)
        {
            reason = total == 0
                ? $"no centre has chip model '{job.ChipModel ?? "any"}' with stack '{job.SoftwareStack ?? "any"}'"
                : $"needs {job.Chips} chips, more than any matching pool holds";
            return false;
        }
        view = new CentreView(centre.Id, centre.Key, centre.Region, total, free,
            report.QueuedChips + _sentChips[centre.Id.Value], report.QueuedJobs,
            centre.PriceCnyPerKwh, centre.Pue, centre.CarbonKgPerKwh, latencyMs);
        return true;
    }
}
