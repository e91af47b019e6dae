using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.QueueOrder;

/// <summary>
/// Quasi-shortest-service-first (Helios, SC'21): waiting jobs in order of their predicted service,
/// chips x a duration predicted from history (never the job's own runtime): the mean runtime of
/// the tenant's finished jobs of the same size, else of all the tenant's finished jobs, else of every
/// finished job; with no history at all every job predicts the same and the order is FIFO.
/// Non-preemptive, strict per pool. The prediction is taken when the job joins the queue.
/// </summary>
public sealed class QssfQueueOrder : IQueueOrderPolicy, IJobLifecycleObserver
{
    public const string PolicyName = "qssf";

    private readonly SortedWaitingSet _waiting = new();
    private readonly Dictionary<(int Tenant, int Chips), (double Sum, int N)> _bySize = new();
    private readonly Dictionary<int, (double Sum, int N)> _byTenant = new();
    private (double Sum, int N) _all;

    public string Name => PolicyName;
    public bool StopsAtFirstBlocked => true;
    public int Count => _waiting.Count;

    public void Add(in WaitingJob job) => _waiting.Add(job, Math.Max(job.Chips, 1) * PredictDurationS(job.Tenant, job.Chips));

    public void Remove(int slot) => _waiting.Remove(slot);

    public int Candidates(in QueueContext context, Span<int> bestFirstSlots) => _waiting.Candidates(bestFirstSlots);

    public double PredictDurationS(int tenant, int chips)
    {
        if (_bySize.TryGetValue((tenant, chips), out var s)) return s.Sum / s.N;
        if (_byTenant.TryGetValue(tenant, out var t)) return t.Sum / t.N;
        return _all.N > 0 ? _all.Sum / _all.N : 1;
    }

    public void Started(in ActiveJob job) { }

    public void Stopped(in ActiveJob job, bool finished)
    {
        if (!finished) return;
        Add(_bySize, (job.Tenant, job.Chips), job.ExecutedS);
        Add(_byTenant, job.Tenant, job.ExecutedS);
        _all = (_all.Sum + job.ExecutedS, _all.N + 1);
    }

    private static void Add<TKey>(Dictionary<TKey, (double Sum, int N)> table, TKey key, double value) where TKey : notnull
    {
        table.TryGetValue(key, out var v);
        table[key] = (v.Sum + value, v.N + 1);
    }
}
