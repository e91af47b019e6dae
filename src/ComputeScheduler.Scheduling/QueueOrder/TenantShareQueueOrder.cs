using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.QueueOrder;

/// <summary>
/// Fair sharing across tenants by progressive filling: the next candidate is the oldest waiting job
/// of the tenant whose share of the centre (running jobs, plus the candidates already listed in this
/// pass), divided by its weight, is smallest; ties go to the lower tenant id. FIFO within a tenant.
/// A job that does not fit does not hold back other tenants' jobs. Tenants weigh 1 unless given.
/// </summary>
public abstract class TenantShareQueueOrder : IQueueOrderPolicy, IJobLifecycleObserver
{
    /// <summary>What a tenant holds: chips (whole-chip units), CPU thousandths, memory MiB.</summary>
    public readonly record struct Usage(double Chips, double CpuMilli, double MemoryMib)
    {
        public Usage Plus(in ActiveJob job, int sign)
            => new(Chips + sign * job.Chips * (job.ChipMilli / 1000d), CpuMilli + sign * job.CpuMilli, MemoryMib + sign * job.MemoryMib);
    }

    private readonly SortedDictionary<int, SortedWaitingSet> _byTenant = new();
    private readonly Dictionary<int, int> _tenantOf = new();
    private readonly Dictionary<int, Usage> _usage = new();
    private readonly IReadOnlyDictionary<int, double> _weights;

    protected TenantShareQueueOrder(IReadOnlyDictionary<int, double>? weights) => _weights = weights ?? new Dictionary<int, double>();

    public abstract string Name { get; }
    public bool StopsAtFirstBlocked => false;
    public int Count => _tenantOf.Count;

    /// <summary>The tenant's share of the centre (0 = nothing held).</summary>
    protected abstract double Share(in Usage usage, in CentreTotals totals);

    public Usage UsageOf(int tenant) => _usage.GetValueOrDefault(tenant);

    public void Add(in WaitingJob job)
    {
        if (!_byTenant.TryGetValue(job.Tenant, out var queue)) _byTenant[job.Tenant] = queue = new SortedWaitingSet();
        queue.Add(job, job.Enqueued.Microseconds);
        _tenantOf.Add(job.Slot, job.Tenant);
    }

    public void Remove(int slot)
    {
        if (!_tenantOf.Remove(slot, out int tenant)) throw new InvalidOperationException($"slot {slot} is not queued");
        var queue = _byTenant[tenant];
        queue.Remove(slot);
        if (queue.Count == 0) _byTenant.Remove(tenant);
    }

    public int Candidates(in QueueContext context, Span<int> bestFirstSlots)
    {
        var cursors = new List<(int Tenant, IEnumerator<int> Next, Usage Usage, double Weight)>(_byTenant.Count);
        foreach (var (tenant, queue) in _byTenant)
        {
            var e = queue.InOrder().GetEnumerator();
            if (e.MoveNext()) cursors.Add((tenant, e, UsageOf(tenant), Math.Max(_weights.GetValueOrDefault(tenant, 1.0), 1e-9)));
        }
        int n = 0;
        while (n < bestFirstSlots.Length && cursors.Count > 0)
        {
            int best = 0;
            double bestShare = double.MaxValue;
            for (int i = 0; i < cursors.Count; i++)
            {
                double share = Share(cursors[i].Usage, context.Totals) / cursors[i].Weight;
                if (share < bestShare) { best = i; bestShare = share; }
            }
            var (t, next, usage, weight) = cursors[best];
            int slot = next.Current;
            bestFirstSlots[n++] = slot;
            var job = _byTenant[t].Job(slot);
            int milli = job.Active.ChipMilli > 0 ? job.Active.ChipMilli : 1000;
            usage = new Usage(usage.Chips + job.Chips * (milli / 1000d), usage.CpuMilli + job.Active.CpuMilli, usage.MemoryMib + job.Active.MemoryMib);
            if (next.MoveNext()) cursors[best] = (t, next, usage, weight);
            else cursors.RemoveAt(best);
        }
        return n;
    }

    public void Started(in ActiveJob job) => _usage[job.Tenant] = UsageOf(job.Tenant).Plus(job, +1);

    public void Stopped(in ActiveJob job, bool finished) => _usage[job.Tenant] = UsageOf(job.Tenant).Plus(job, -1);
}
