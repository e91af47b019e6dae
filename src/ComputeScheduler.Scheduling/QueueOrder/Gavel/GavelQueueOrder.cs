using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.QueueOrder.Gavel;

/// <summary>
/// Gavel's round-based scheduling (Narayanan et al., OSDI'20, sections 4-5; its simulator's
/// <c>scheduler.py</c>), over the engine's preemption hooks. Time is cut into rounds (360 s by default).
/// <list type="bullet">
/// <item>Allocation: when jobs arrived or finished and at least 1,920 s (Gavel's default) passed since the
/// last one, the LP of <see cref="GavelAllocation"/> (finish-time fairness: <see cref="GavelFinishTimeFairness"/>) gives every active job a time fraction on each pool
/// (Gavel's worker types). The heterogeneity-agnostic variant solves it with every throughput 1 and, since
/// to it the types are interchangeable, spreads each job's share over its pools in proportion to their chips.
/// A job that arrived since the last LP has no allocation (priority 0) until the next.</item>
/// <item>Priorities: a job's priority on a type is its fraction there over the share of that type's time it
/// has received since the last allocation (every job starts with half a round on every type), as in Gavel's
/// <c>_update_priorities</c>; deficits (time owed under earlier allocations) break ties, then the fraction.</item>
/// <item>Each round: per type, fastest type first (shuffled each round for the agnostic variant, as Gavel does
/// for policies that ignore throughputs), jobs in priority order take the type's chips while they last; a job
/// runs on at most one type. At the round's first pass, running jobs that the round does not keep on their
/// pool give way (<see cref="IPreemptiveQueueOrder.ShouldYield"/>), and the round's jobs start, on the pool
/// it gave them when the placement is <see cref="GavelPlacement"/>.</item>
/// </list>
/// Between rounds the engine is work-conserving: waiting jobs outside the round may take chips left free
/// (Gavel leaves them idle to the round's end), and never preempt anyone. Jobs that take no whole chip
/// (CPU-only, or sharing a chip) are left out of the LP and only fill free capacity.
/// </summary>
public sealed class GavelQueueOrder : IPreemptiveQueueOrder, IJobLifecycleObserver
{
    public const string LasName = "gavel-las";
    public const string AgnosticLasName = "gavel-las-agnostic";
    public const string MaxSumThroughputName = "gavel-max-sum-throughput";
    public const string FinishTimeFairnessName = "gavel-finish-time-fairness";
    public const double DefaultRoundS = 360;

    /// <summary>Gavel's <c>minimum_time_between_allocation_resets</c>.</summary>
    public const double ResetIntervalS = 1920;

    private sealed class Job(int slot, JobId id, int chips, double[] row, bool inLp, int pools)
    {
        public readonly int Slot = slot;
        public readonly JobId Id = id;
        public readonly int Chips = chips;
        public readonly double[] Row = row;        // throughput per pool, 0 where it may not run
        public readonly bool InLp = inLp;
        public readonly double[] TimeSoFar = new double[pools];
        public readonly double[] Deficit = new double[pools];
        public double[]? Allocation;
        public bool Waiting, Running;
        public SimTime Enqueued;
        public int Pool = -1;
        public long RunStartUs, AccountedUs;
        public double ExecutedAtStartS;
        public int PlannedPool = -1;

        // Finish-time fairness: the job's work (reference chip-seconds), when it arrived, its work left as last
        // reported by the engine and when, and Gavel's cumulative isolated time with what it was computed from.
        public double Work;
        public long ArrivalUs;
        public double RemainingWork;
        public long ObservedUs;
        public double IsolatedSoFarS;
        public double PreviousRemaining = double.NaN, PreviousIsolated;
    }

    private readonly GavelObjective _objective;
    private readonly bool _fill;
    private readonly bool _aware;
    private readonly long _roundUs, _resetUs;
    private readonly Random _shuffle;
    private readonly Dictionary<int, Job> _bySlot = new();
    private readonly SortedDictionary<long, Job> _byId = new();
    private readonly List<Job> _planned = new();
    private readonly List<Job> _unplanned = new();
    private readonly List<Job> _lpJobs = new();
    private Entry[] _entries = [];
    private int[] _inService = [];      // per pool, chips in service at this round
    private int[] _lpInService = [];    // ... and at the last LP
    private IFreeCapacityView? _capacity;
    private int _waiting;
    private bool _jobsChanged;
    private bool _unplannedDirty = true;
    private long _planAtUs = -1, _nextRoundUs, _lastResetUs = -1;

    /// <param name="fillBetweenRounds">True (the registered policies): jobs outside the round may take chips left free. False, for
    /// measurements: as in Gavel's simulator only the round's jobs run, except in an idle centre (nothing would wake it for the next round).</param>
    public GavelQueueOrder(string name, GavelObjective objective, bool heterogeneityAware, double roundS = DefaultRoundS, int seed = 0, bool fillBetweenRounds = true)
    {
        _fill = fillBetweenRounds;
        if (!(roundS > 0)) throw new ArgumentException("the round must be positive");
        Name = name;
        _objective = objective;
        _aware = heterogeneityAware;
        _roundUs = Math.Max(1, SimDuration.FromSecondsCeiling(roundS).Microseconds);
        _resetUs = SimDuration.FromSecondsCeiling(ResetIntervalS).Microseconds;
        _shuffle = new Random(seed);
    }

    public string Name { get; }
    public bool IsHeterogeneityAware => _aware;
    public double RoundS => _roundUs / 1e6;
    public bool StopsAtFirstBlocked => false;
    public int Count => _waiting;
    public bool ReviewsRunningJobs => true;

    /// <summary>LP solves so far (for tests and measurements).</summary>
    public int Allocations { get; private set; }

    /// <summary>Finish-time fairness: the largest rho of the last allocation (NaN before the first, and for the other objectives).</summary>
    public double LastRho { get; private set; } = double.NaN;

    /// <summary>The pool the current round gives the job, or -1 (not in the round, or not known).</summary>
    public int PlannedPool(JobId id) => _byId.TryGetValue(id.Value, out var j) ? j.PlannedPool : -1;

    /// <summary>The job's time fraction on each pool under the current allocation; null before its first.</summary>
    public IReadOnlyList<double>? AllocationOf(JobId id) => _byId.TryGetValue(id.Value, out var j) ? j.Allocation : null;

    public void Add(in WaitingJob job)
    {
        if (!_bySlot.TryGetValue(job.Slot, out var j))
        {
            var a = job.Active;
            int pools = job.Throughput?.Length ?? 64;
            var row = new double[pools];
            for (int p = 0; p < pools; p++) row[p] = a.IsEligible(p) ? job.Throughput?[p] ?? 1 : 0;
            bool inLp = a.Chips > 0 && a.ChipMilli >= 1000 && row.Any(v => v > 0);
            j = new Job(job.Slot, a.Id, a.Chips, row, inLp, pools) { Work = Math.Max(0, job.WorkReferenceChipSeconds), ArrivalUs = a.Arrival.Microseconds };
            Array.Fill(j.TimeSoFar, _roundUs / 2e6);
            _bySlot.Add(job.Slot, j);
            _byId.Add(a.Id.Value, j);
            _jobsChanged = true;
        }
        if (j.Waiting) throw new InvalidOperationException($"job in slot {job.Slot} is already waiting");
        j.Waiting = true;
        j.Enqueued = job.Enqueued;
        Observe(j, job.Active, job.Enqueued.Microseconds);
        _waiting++;
        _unplannedDirty = true;
    }

    public void Remove(int slot)
    {
        if (!_bySlot.TryGetValue(slot, out var j) || !j.Waiting) throw new InvalidOperationException($"no waiting job in slot {slot}");
        j.Waiting = false;
        _waiting--;
    }

    public void Started(in ActiveJob job)
    {
        var j = _bySlot[job.Slot];
        j.Running = true;
        j.Pool = job.Pool;
        j.RunStartUs = j.AccountedUs = job.Started.Microseconds;
        j.ExecutedAtStartS = job.ExecutedS;
        Observe(j, job, job.Started.Microseconds);
    }

    public void Stopped(in ActiveJob job, bool finished)
    {
        var j = _bySlot[job.Slot];
        if (j.Running && j.Pool >= 0 && j.Pool < j.TimeSoFar.Length)
        {
            double run = job.ExecutedS - j.ExecutedAtStartS, counted = (j.AccountedUs - j.RunStartUs) / 1e6;
            j.TimeSoFar[j.Pool] += Math.Max(0, run - counted);
        }
        j.Running = false;
        j.Pool = -1;
        Observe(j, job, j.ObservedUs);
        if (!finished) return;
        _bySlot.Remove(job.Slot);
        _byId.Remove(j.Id.Value);
        _jobsChanged = true;
    }

    /// <summary>A job rejected from the queue is forgotten as a finished one is: it leaves the LP, and its slot's next job starts afresh.</summary>
    public void Left(in ActiveJob job)
    {
        if (!_bySlot.Remove(job.Slot, out var j)) return;
        if (j.Waiting) _waiting--;
        j.Waiting = false;
        _byId.Remove(j.Id.Value);
        _jobsChanged = true;
        _unplannedDirty = true;
    }

    /// <summary>
    /// The round's waiting jobs in its order, then (work-conserving fill) waiting jobs outside it by when they
    /// joined the queue, only as many as the free chips could take: they never preempt, so a job that cannot
    /// find free chips is not offered.
    /// </summary>
    public int Candidates(in QueueContext context, Span<int> bestFirstSlots)
    {
        _capacity ??= context.Capacity;
        EnsureRound(context.Now);
        int n = 0;
        foreach (var j in _planned)
        {
            if (n == bestFirstSlots.Length) return n;
            if (j.Waiting) bestFirstSlots[n++] = j.Slot;
        }
        int free = _fill || context.Running is { Count: 0 } ? context.FreeChips : 0;
        if (_unplannedDirty)
        {
            _unplanned.Clear();
            foreach (var j in _byId.Values)
                if (j.Waiting && j.PlannedPool < 0) _unplanned.Add(j);
            _unplanned.Sort((a, b) => a.Enqueued != b.Enqueued ? a.Enqueued.CompareTo(b.Enqueued) : a.Id.Value.CompareTo(b.Id.Value));
            _unplannedDirty = false;
        }
        foreach (var j in _unplanned)
        {
            if (n == bestFirstSlots.Length || free <= 0) break;
            if (!j.Waiting || j.Chips > free) continue;
            bestFirstSlots[n++] = j.Slot;
            free -= Math.Max(1, j.Chips);
        }
        return n;
    }

    public double PreemptionRank(in ActiveJob job, SimTime now) => KeptWhereItRuns(job) ? 0 : 1;

    public bool ShouldPreempt(in ActiveJob candidate, in ActiveJob running, SimTime now)
    {
        EnsureRound(now);
        return _bySlot.TryGetValue(candidate.Slot, out var c) && c.PlannedPool >= 0 && c.PlannedPool == running.Pool && !KeptWhereItRuns(running);
    }

    public SimTime NextRankChange(in ActiveJob running, SimTime now)
    {
        ObserveRunning(running, now);
        return SimTime.FromMicroseconds((now.Microseconds / _roundUs + 1) * _roundUs);
    }

    public bool ShouldYield(in ActiveJob running, SimTime now)
    {
        ObserveRunning(running, now);
        EnsureRound(now);
        return _planAtUs == now.Microseconds && !KeptWhereItRuns(running);
    }

    /// <summary>The job's work left, as the engine reports it (finish-time fairness reads it at the next LP).</summary>
    private static void Observe(Job j, in ActiveJob a, long nowUs)
    {
        j.RemainingWork = j.Work * Math.Clamp(a.RemainingFraction, 0, 1);
        j.ObservedUs = nowUs;
    }

    private void ObserveRunning(in ActiveJob running, SimTime now)
    {
        if (_objective == GavelObjective.FinishTimeFairness && _bySlot.TryGetValue(running.Slot, out var j) && j.Running) Observe(j, running, now.Microseconds);
    }

    /// <summary>
    /// Work left now, reference chip-seconds: as last reported, less, for a running job, what its chips have done
    /// since at the pool's throughput (the engine's own rate also counts overheads and scaling; the next report corrects it).
    /// </summary>
    private static double RemainingWorkAt(Job j, long nowUs)
    {
        double left = j.RemainingWork;
        if (j.Running && j.Pool >= 0 && j.Pool < j.Row.Length)
            left -= Math.Max(0, nowUs - j.ObservedUs) / 1e6 * j.Chips * j.Row[j.Pool];
        return Math.Max(0, left);
    }

    private bool KeptWhereItRuns(in ActiveJob job) => _bySlot.TryGetValue(job.Slot, out var j) && j.PlannedPool >= 0 && j.PlannedPool == job.Pool;

    /// <summary>At the first pass of a round: the round's jobs and pools.</summary>
    private void EnsureRound(SimTime now)
    {
        long nowUs = now.Microseconds;
        if (_capacity is null || (_planAtUs >= 0 && nowUs < _nextRoundUs)) return;
        _planAtUs = nowUs;
        _nextRoundUs = (nowUs / _roundUs + 1) * _roundUs;
        int pools = _capacity.PoolCount;
        foreach (var j in _byId.Values)
        {
            if (!j.Running || j.Pool < 0 || j.Pool >= j.TimeSoFar.Length) continue;
            j.TimeSoFar[j.Pool] += (nowUs - j.AccountedUs) / 1e6;
            j.AccountedUs = nowUs;
        }
        CountInService(pools);
        if (!_inService.AsSpan().SequenceEqual(_lpInService)) _jobsChanged = true;
        if (_jobsChanged && (_lastResetUs < 0 || nowUs - _lastResetUs >= _resetUs)) Reallocate(nowUs, pools);
        Plan(pools);
    }

    /// <summary>
    /// Per pool, the chips of its servers in service (a timeline's late or retired servers are held out of service,
    /// with no room for anything): the LP and the round share only these. Gavel's cluster never changes; here a
    /// change counts as a change of jobs does, for a new LP.
    /// </summary>
    private void CountInService(int pools)
    {
        if (_inService.Length != pools) _inService = new int[pools];
        for (int p = 0; p < pools; p++) _inService[p] = _capacity!.InServiceChips(p);
    }

    /// <summary>Gavel's reset: deficits booked, time received set back to half a round, and a new LP.</summary>
    private void Reallocate(long nowUs, int pools)
    {
        double elapsedS = _lastResetUs < 0 ? 0 : (nowUs - _lastResetUs) / 1e6, half = _roundUs / 2e6;
        foreach (var j in _byId.Values)
            for (int k = 0; k < j.TimeSoFar.Length; k++)
            {
                double owed = (j.Allocation is { } a && k < a.Length ? a[k] : 0) * elapsedS;
                j.Deficit[k] += owed - (j.TimeSoFar[k] - half);
                j.TimeSoFar[k] = half;
            }
        _lastResetUs = nowUs;
        _jobsChanged = false;

        var capacity = new double[pools];
        for (int p = 0; p < pools; p++) capacity[p] = _inService[p];
        _lpInService = (int[])_inService.Clone();
        if (_objective == GavelObjective.FinishTimeFairness)
        {
            ReallocateFinishTimeFair(nowUs, pools, capacity);
            return;
        }
        // Jobs of one shape (throughput row, pools, chips) form one group of the LP.
        var groupOf = new Dictionary<(double[] Row, int Chips), int>(new ShapeComparer());
        var rows = new List<double[]>();
        var members = new List<int>();
        var scale = new List<int>();
        var jobGroup = new List<(Job Job, int Group)>();
        foreach (var j in _byId.Values)
        {
            if (!j.InLp)
            {
                j.Allocation = null;
                continue;
            }
            if (!groupOf.TryGetValue((j.Row, j.Chips), out int g))
            {
                g = rows.Count;
                groupOf.Add((j.Row, j.Chips), g);
                var row = new double[pools];
                for (int p = 0; p < pools && p < j.Row.Length; p++) row[p] = j.Row[p] > 0 ? (_aware ? j.Row[p] : 1) : 0;
                rows.Add(row);
                members.Add(0);
                scale.Add(j.Chips);
            }
            members[g]++;
            jobGroup.Add((j, g));
        }
        if (rows.Count == 0) return;
        var x = GavelAllocation.Solve(rows, members, scale, capacity, _objective);
        Allocations++;
        if (!_aware) x = SpreadOverTypes(x, rows, capacity);
        foreach (var (j, g) in jobGroup) j.Allocation = x[g];
    }

    /// <summary>
    /// Finish-time fairness (<see cref="GavelFinishTimeFairness"/>), one LP row per job. Per job, as Gavel's
    /// simulator gives its policy: t = seconds since it arrived; r = its work left over its chips (reference
    /// seconds; Gavel: steps left, which its simulator knows: so does this policy, the job's true work); and
    /// Gavel's cumulative isolated time, which adds at each LP the work done since the last one over the job's
    /// isolated throughput then.
    /// </summary>
    private void ReallocateFinishTimeFair(long nowUs, int pools, double[] capacity)
    {
        var inLp = new List<Job>();
        var ftf = new List<FtfJob>();
        foreach (var j in _byId.Values)
        {
            if (!j.InLp)
            {
                j.Allocation = null;
                continue;
            }
            var row = new double[pools];
            for (int p = 0; p < pools && p < j.Row.Length; p++) row[p] = j.Row[p] > 0 ? (_aware ? j.Row[p] : 1) : 0;
            double remaining = RemainingWorkAt(j, nowUs) / j.Chips;
            if (!double.IsNaN(j.PreviousRemaining) && j.PreviousIsolated > 0)
                j.IsolatedSoFarS += Math.Max(0, j.PreviousRemaining - remaining) / j.PreviousIsolated;
            j.PreviousRemaining = remaining;
            inLp.Add(j);
            ftf.Add(new FtfJob(row, j.Chips, Math.Max(0, nowUs - j.ArrivalUs) / 1e6, j.IsolatedSoFarS, remaining));
        }
        if (inLp.Count == 0) return;
        var answer = GavelFinishTimeFairness.Solve(ftf, capacity);
        Allocations++;
        LastRho = answer.Rho;
        var x = _aware ? answer.X : SpreadOverTypes(answer.X, ftf.Select(f => f.Throughputs).ToList(), capacity);
        for (int i = 0; i < inLp.Count; i++)
        {
            inLp[i].Allocation = x[i];
            inLp[i].PreviousIsolated = answer.Isolated[i];
        }
    }

    /// <summary>To an LP that sees every type alike only a job's total share means anything: it is spread over the job's pools by their chips.</summary>
    private static double[][] SpreadOverTypes(double[][] x, List<double[]> rows, double[] capacity)
    {
        var spread = new double[x.Length][];
        for (int g = 0; g < x.Length; g++)
        {
            double share = x[g].Sum(), chips = 0;
            for (int k = 0; k < capacity.Length; k++) if (rows[g][k] > 0) chips += capacity[k];
            spread[g] = new double[capacity.Length];
            for (int k = 0; k < capacity.Length; k++) spread[g][k] = rows[g][k] > 0 && chips > 0 ? share * capacity[k] / chips : 0;
        }
        return spread;
    }

    /// <summary>Gavel's <c>_schedule_jobs_on_workers_helper</c>: per type, jobs by priority take its chips; one type per job.</summary>
    private void Plan(int pools)
    {
        _planned.Clear();
        _unplannedDirty = true;
        var jobs = _lpJobs;
        jobs.Clear();
        foreach (var j in _byId.Values)
        {
            j.PlannedPool = -1;
            if (j.InLp) jobs.Add(j);
        }
        if (jobs.Count == 0) return;
        var workerTime = new double[pools];
        foreach (var j in jobs)
            for (int k = 0; k < pools && k < j.TimeSoFar.Length; k++) workerTime[k] += j.TimeSoFar[k];
        var left = new int[pools];
        for (int p = 0; p < pools; p++) left[p] = _inService[p];
        if (_entries.Length < jobs.Count) _entries = new Entry[jobs.Count];
        foreach (int k in TypeOrder(jobs, pools))
        {
            int count = 0;
            foreach (var j in jobs)
            {
                if (k >= j.Row.Length || j.Row[k] <= 0) continue;
                double alloc = j.Allocation is { } a && k < a.Length ? a[k] : 0;
                double fraction = workerTime[k] > 0 ? j.TimeSoFar[k] / workerTime[k] : 0;
                double priority = alloc <= 0 ? 0 : fraction > 0 ? alloc / fraction : alloc * 1e9;
                _entries[count++] = new Entry(priority, j.Deficit[k], alloc, j.Id.Value, j);
            }
            Array.Sort(_entries, 0, count, EntryOrder.Instance);
            for (int i = 0; i < count && left[k] > 0; i++)
            {
                var job = _entries[i].Job;
                if (job.PlannedPool >= 0 || job.Chips > left[k]) continue;
                left[k] -= job.Chips;
                job.PlannedPool = k;
                _planned.Add(job);
            }
        }
        Array.Clear(_entries, 0, jobs.Count);
    }

    private readonly record struct Entry(double Priority, double Deficit, double Allocation, long Id, Job Job);

    /// <summary>Priority, then deficit, then allocation, highest first (Gavel's sort key); then job id.</summary>
    private sealed class EntryOrder : IComparer<Entry>
    {
        public static readonly EntryOrder Instance = new();

        public int Compare(Entry a, Entry b)
            => a.Priority != b.Priority ? b.Priority.CompareTo(a.Priority)
            : a.Deficit != b.Deficit ? b.Deficit.CompareTo(a.Deficit)
            : a.Allocation != b.Allocation ? b.Allocation.CompareTo(a.Allocation)
            : a.Id.CompareTo(b.Id);
    }

    /// <summary>Aware: pools by the active jobs' mean throughput, fastest first (Gavel: V100, P100, K80). Agnostic: shuffled each round.</summary>
    private int[] TypeOrder(List<Job> jobs, int pools)
    {
        var order = Enumerable.Range(0, pools).ToArray();
        if (!_aware)
        {
            for (int i = pools - 1; i > 0; i--)
            {
                int r = _shuffle.Next(i + 1);
                (order[i], order[r]) = (order[r], order[i]);
            }
            return order;
        }
        var speed = new double[pools];
        foreach (var j in jobs)
            for (int k = 0; k < pools && k < j.Row.Length; k++) speed[k] += j.Row[k];
        return order.OrderByDescending(k => speed[k]).ThenBy(k => k).ToArray();
    }

    /// <summary>Rows by reference (the engine builds one per class) and content, with the chips.</summary>
    private sealed class ShapeComparer : IEqualityComparer<(double[] Row, int Chips)>
    {
        public bool Equals((double[] Row, int Chips) a, (double[] Row, int Chips) b)
            => a.Chips == b.Chips && (ReferenceEquals(a.Row, b.Row) || a.Row.AsSpan().SequenceEqual(b.Row));

        public int GetHashCode((double[] Row, int Chips) s)
        {
            var h = new HashCode();
            h.Add(s.Chips);
            foreach (double v in s.Row) h.Add(v);
            return h.ToHashCode();
        }
    }
}
