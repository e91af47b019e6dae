using System.Collections.Immutable;
using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Model.Topology;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Performance;
using ComputeScheduler.Simulation.Policies;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Simulation.Engine;

/// <summary>
/// The pure, single-threaded, deterministic engine of ONE centre. Jobs are submitted with the
/// time they reach the centre; <see cref="AdvanceTo"/> runs every event before a horizon in
/// (time, kind rank, sequence) order and returns what finished and the time-series samples due.
/// Lifecycle of a job: arrival -> queued -> running -> finished, or rejected on arrival when no
/// pool of the centre can ever hold it.
/// </summary>
/// <remarks>
/// Its state is declared here, in one place; each partial file holds the behaviour of one concern:
/// Jobs (a job's life), Grants, Running, Preemption, Timeline (capacity over time), Porting,
/// Waiting (why jobs wait) and Outputs.
/// </remarks>
/// <threadsafety>Not thread-safe: one owner (a test, a sequential run, or one centre actor).</threadsafety>
public sealed partial class CentreEngine
{
    // The centre, its performance model and its policies.
    private const int CandidateBatch = 256;
    private readonly CentreSpec _centre;
    private readonly PerformanceModel _performance;
    private readonly IQueueOrderPolicy _queue;
    private readonly IPlacementPolicy _placement;
    private readonly IPreemptiveQueueOrder? _preemptive;
    private readonly bool _reviewsRunning;   // the preemptive order stops running jobs of its own accord (ShouldYield)
    private readonly IJobLifecycleObserver? _observer;
    private readonly PreemptionCosts _preemptionCosts;
    private readonly CapacityIndex _capacity;
    private readonly CentreTotals _totals;
    private readonly RunningView _runningView;

    // The clock and the events to come.
    private readonly EventQueue _events = new();
    private long _nowUs;
    private long _passAtUs = -1;
    private long _reviewAtUs = -1;
    private long _eventsProcessed;

    // Jobs: their records, the queue's chips, the running set (see CentreEngine.Running.cs) and the buffers of a pass.
    private readonly JobTable _jobs = new();
    private long _queuedChips;
    private int _arrivalTag;
    private int _runTag;
    private readonly List<int> _runningSlots = new();
    private RunFacts[] _runFacts = new RunFacts[64];
    private readonly List<(double Rank, long RunStartUs, int Slot)> _victims = new();
    private readonly List<int> _yielding = new();
    private readonly int[] _candidates = new int[CandidateBatch];
    private ChipGrant[] _grantBuffer = new ChipGrant[64];
    private double[]?[] _throughputRows = [];
    private string? _lastClassName;   // the last job class looked up (by reference: jobs of a trace share their class's string)
    private int _lastClassIndex;

    // Capacity over time and porting (CentreEngine.Timeline.cs, CentreEngine.Porting.cs).
    private readonly long[] _capacityTimes;   // distinct times at which some pool enters service or loses servers, ascending
    private int _nextCapacity;
    private readonly bool[] _started;         // per pool: its service has begun
    private readonly int[] _retiredServers;   // per pool: servers retired for good so far
    private readonly List<ChipGrant>[] _held; // per pool: grants holding its servers out of service (the pool's last servers)
    private ulong _retiredMask;               // pools with no server left for good
    private int _portingWaiters;

    // Why jobs wait (CentreEngine.Waiting.cs).
    private readonly Dictionary<WaitKey, int> _waitGroupOf = new();
    private readonly List<WaitGroup> _waitGroups = new();
    private readonly List<int> _waitActive = new();
    private readonly Stack<long[]> _waitArrays = new();
    private ulong _dirtyPools;
    private ulong _usablePools;

    // What the centre hands out: outcomes, samples and its report (CentreEngine.Outputs.cs).
    private readonly OutcomeTable _outcomeRows;   // the window's outcomes, lent to the host until the next window
    private readonly List<TimeseriesSample> _samples = new();
    private readonly long _sampleIntervalUs;
    private long _nextSampleUs;
    private readonly long[] _busyMilliPerPool;
    private readonly long[] _busyPowerMilliWPerPool;   // IT power of the running jobs by their classes' use, mW (integers: exact as runs come and go)
    private ImmutableArray<PoolReport> _lastPools;   // the last report's pools, reused while unchanged

    public CentreEngine(CentreSpec centre, PerformanceModel performance, IQueueOrderPolicy queue, IPlacementPolicy placement, SimDuration sampleInterval,
        PreemptionCosts? preemption = null)
    {
        if (centre.Pools.Count > 64) throw new ArgumentException($"centre '{centre.Key}' has {centre.Pools.Count} pools; at most 64 are supported");
        if (sampleInterval <= SimDuration.Zero) throw new ArgumentException("the time-series interval must be positive");
        _centre = centre;
        _performance = performance;
        _queue = queue;
        _placement = placement;
        _capacity = new CapacityIndex(centre);
        _outcomeRows = new OutcomeTable(centre.Id, centre.Key);
        _sampleIntervalUs = sampleInterval.Microseconds;
        _busyMilliPerPool = new long[centre.Pools.Count];
        _busyPowerMilliWPerPool = new long[centre.Pools.Count];
        _preemptive = queue as IPreemptiveQueueOrder;
        _reviewsRunning = _preemptive?.ReviewsRunningJobs == true;
        _observer = queue as IJobLifecycleObserver;
        _preemptionCosts = preemption ?? PreemptionCosts.Default;
        _runningView = new RunningView(this);
        _totals = TotalsOf(centre);
        _capacityTimes = CapacityTimesOf(centre);
        _started = new bool[centre.Pools.Count];
        _retiredServers = new int[centre.Pools.Count];
        _held = new List<ChipGrant>[centre.Pools.Count];
        HoldPoolsOutOfServiceAtStart();
    }

    public CentreId Id => _centre.Id;

    public SimTime Now => SimTime.FromMicroseconds(_nowUs);

    public long EventsProcessed => _eventsProcessed;

    public IFreeCapacityView Capacity => _capacity;

    /// <summary>Jobs preempted so far in this centre.</summary>
    public long Preemptions { get; private set; }

    /// <summary>
    /// Time of the next pending event, or <see cref="SimTime.MaxValue"/>. A capacity change counts
    /// only while the centre holds jobs (an empty centre applies it with its next event).
    /// </summary>
    public SimTime NextEvent
    {
        get
        {
            long next = _events.TryPeek(out var e) ? e.TimeUs : long.MaxValue;
            if (HoldsJobs) next = Math.Min(next, NextCapacityUs);
            return SimTime.FromMicroseconds(next);
        }
    }

    /// <summary>Hands a job to the centre; it arrives at <paramref name="arrival"/> (not before the engine's time).</summary>
    public void Submit(JobSpec job, SimTime arrival) => Submit(job, arrival, arrival, arrival);

    /// <summary>
    /// Hands a job to the centre that the national dispatcher sent at <paramref name="dispatched"/>
    /// (its first round for the job was <paramref name="firstRound"/>); it arrives at <paramref name="arrival"/>,
    /// after any WAN transfer. The times split its wait before the centre into dispatch, held and transfer.
    /// </summary>
    public void Submit(JobSpec job, SimTime arrival, SimTime dispatched, SimTime firstRound)
    {
        if (arrival.Microseconds < _nowUs)
            throw new InvalidOperationException($"job {job.Id} arrives at {arrival} but centre {_centre.Key} is already at {Now}");
        if (firstRound > dispatched || dispatched > arrival)
            throw new ArgumentException($"job {job.Id}: its first dispatch round {firstRound}, dispatch {dispatched} and arrival {arrival} are out of order");
        int slot = _jobs.Add(job, arrival.Microseconds, dispatched.Microseconds, firstRound.Microseconds);
        _events.Push(arrival.Microseconds, EventKind.JobArrival, slot);
    }

    /// <summary>
    /// Makes room for <paramref name="jobs"/> jobs about to be submitted in arrival order, so a batch known ahead does not grow the engine's containers by doubling. Changes no result.
    /// </summary>
    public void ReserveSubmissions(int jobs)
    {
        if (jobs <= 0) return;
        _jobs.Reserve(jobs);
        _events.ReserveRun(jobs);
    }

    /// <summary>Runs every event strictly before <paramref name="horizon"/> and returns the window's output.</summary>
    public WindowOutput AdvanceTo(SimTime horizon)
    {
        long h = horizon.Microseconds;
        _outcomeRows.Clear();
        if (NextCapacityUs >= h)
        {
            // No capacity change before the horizon (none can come closer while events run): the events alone, one look at the queue each.
            while (_events.TryPopBefore(h, out var e))
                if (!IsStale(e)) Run(e);
            return TakeOutput(SimTime.FromMicroseconds(h == long.MaxValue ? _nowUs : h));
        }
        while (true)
        {
            bool hasEvent = _events.TryPeek(out var next) && next.TimeUs < h;
            long capacityUs = NextCapacityUs;
            // A capacity change runs before the events of its time; with no job in the centre it waits for the next event.
            if (capacityUs < h && (hasEvent ? capacityUs <= next.TimeUs : HoldsJobs))
            {
                // A stale event of an empty centre must not carry the clock to a capacity change: drop it first.
                if (hasEvent && !HoldsJobs && IsStale(next))
                {
                    _events.Pop();
                    continue;
                }
                ApplyNextCapacityChange();
                continue;
            }
            if (!hasEvent) break;
            _events.Pop();
            if (IsStale(next)) continue; // never moves the clock: a run's end after all jobs are done is not the makespan
            Run(next);
        }
        // Samples are emitted only as events pass them (and by Close), never for idle stretches
        // past the last event, so how a run is cut into windows never changes them.
        return TakeOutput(SimTime.FromMicroseconds(h == long.MaxValue ? _nowUs : h));
    }

    /// <summary>Runs one event that is not stale, moving the clock to it.</summary>
    private void Run(in SimEvent next)
    {
        if (next.TimeUs > _nowUs)
        {
            EmitSamplesBefore(next.TimeUs);
            _nowUs = next.TimeUs;
        }
        _eventsProcessed++;
        switch (next.Kind)
        {
            case EventKind.JobFinish: OnFinish(next.Slot, next.Tag); break;
            case EventKind.JobArrival: OnArrival(next.Slot); break;
            case EventKind.PortingReady: OnPortingReady(next.Slot); break;
            case EventKind.SchedulePass: OnSchedulePass(); break;
        }
    }

    /// <summary>Emits the samples due at or before <paramref name="end"/> (the run's makespan) and returns them.</summary>
    public WindowOutput Close(SimTime end)
    {
        if (end.Microseconds < _nowUs) throw new InvalidOperationException($"cannot close centre {_centre.Key} at {end}: it is at {Now} ({_queue.Count} jobs queued, {_runningSlots.Count} running, {_portingWaiters} awaiting a port)");
        _outcomeRows.Clear();
        while (NextCapacityUs <= end.Microseconds) ApplyNextCapacityChange();
        EmitSamplesBefore(end.Microseconds + 1);
        return TakeOutput(end);
    }
}
