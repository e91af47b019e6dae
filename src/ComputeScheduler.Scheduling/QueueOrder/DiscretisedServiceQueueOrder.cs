using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.QueueOrder;

/// <summary>
/// What Tiresias' 2D-LAS and 2D-Gittins share: jobs in <see cref="ServiceQueues"/> by attained
/// chip-seconds, queues served in order, fit-first (a job that does not fit is skipped), and a
/// waiting job preempts running jobs of a lower queue; the engine reviews the queue when a running
/// job is demoted. Within a queue the order is the subclass's <see cref="WithinQueueKey"/>, then
/// <see cref="TieKey"/>, then joining order. Where a preempted job rejoins its queue is
/// <see cref="TiresiasSettings.Preempted"/>.
/// </summary>
public abstract class DiscretisedServiceQueueOrder : IPreemptiveQueueOrder
{
    private readonly SortedSet<(int Queue, double Key, double Tie, long Seq, int Slot)> _order = new();
    private readonly Dictionary<int, (int, double, double, long, int)> _keys = new();
    private long _seq;
    private long _preemptedCount;
    private long _passUs = long.MinValue;          // the pass the engine runs now (its time), and the one before
    private long _previousPassUs = long.MinValue;

    protected DiscretisedServiceQueueOrder(TiresiasSettings settings)
    {
        Settings = settings;
        Queues = new ServiceQueues(settings.QueueThresholdsChipS);
    }

    public TiresiasSettings Settings { get; }
    public ServiceQueues Queues { get; }

    public abstract string Name { get; }
    public bool StopsAtFirstBlocked => false;
    public int Count => _order.Count;

    /// <summary>Lower goes first within a queue.</summary>
    protected abstract double WithinQueueKey(in WaitingJob job);

    /// <summary>Lower goes first among equal <see cref="WithinQueueKey"/>s; 0 (joining order) unless a subclass says otherwise.</summary>
    protected virtual double TieKey(in WaitingJob job) => 0;

    public void Add(in WaitingJob job)
    {
        var key = (Queues.QueueOf(job.AttainedServiceChipS), WithinQueueKey(job), TieKey(job), _seq++, job.Slot);
        if (!_keys.TryAdd(job.Slot, key)) throw new InvalidOperationException($"slot {job.Slot} is already queued");
        _order.Add(key);
    }

    public void Remove(int slot)
    {
        if (!_keys.Remove(slot, out var key)) throw new InvalidOperationException($"slot {slot} is not queued");
        _order.Remove(key);
    }

    public int Candidates(in QueueContext context, Span<int> bestFirstSlots)
    {
        long now = context.Now.Microseconds;
        if (now != _passUs)
        {
            _previousPassUs = _passUs;
            _passUs = now;
        }
        int n = 0;
        foreach (var key in _order)
        {
            if (n == bestFirstSlots.Length) break;
            bestFirstSlots[n++] = key.Slot;
        }
        return n;
    }

    /// <summary>
    /// True when the job was demoted into its queue since the engine's previous scheduling pass (the Tiresias
    /// simulator's "demoted at this event": it checks demotions only at its events, and the engine looks at the
    /// queue at the same instants, or at the threshold itself).
    /// </summary>
    protected bool JustDemoted(in ActiveJob job, SimTime now)
        => Queues.EnteredWithin(job, _previousPassUs == long.MinValue ? double.PositiveInfinity : (now.Microseconds - _previousPassUs) / 1e6);

    /// <summary>
    /// The FIFO key of a job within its queue. A job that joins by arriving goes by when it joined. A job that rejoins
    /// after a preemption goes to the back as well under <see cref="TiresiasPreempted.Back"/>; under
    /// <see cref="TiresiasPreempted.KeepPlace"/> it goes ahead of every job waiting in the queue, the most recently
    /// preempted first (a negative key), unless it was demoted into the queue since the previous pass (<see cref="JustDemoted"/>): then it queues behind them.
    /// </summary>
    protected double FifoKey(in WaitingJob job)
    {
        bool preempted = job.Active.ExecutedS > 0 || job.Active.RemainingFraction < 1;
        if (!preempted || Settings.Preempted == TiresiasPreempted.Back || JustDemoted(job.Active, job.Enqueued)) return job.Enqueued.Microseconds;
        return -(double)++_preemptedCount;
    }

    /// <summary>
    /// The queue; under <see cref="TiresiasPreempted.KeepPlace"/> plus, below 1, when the job took its place among the
    /// running jobs of its queue (<see cref="ServiceQueues.EnteredRunningQueue"/>): the simulator lists a queue's running
    /// jobs in that order and gives up the last ones first, so a job demoted later goes before one started earlier.
    /// </summary>
    public virtual double PreemptionRank(in ActiveJob job, SimTime now)
    {
        int q = Queues.QueueOf(job.AttainedServiceChipS);
        if (Settings.Preempted == TiresiasPreempted.Back) return q;
        return q + Math.Clamp(Queues.EnteredRunningQueue(job, now).Microseconds / 1e18, 0, 0.999);
    }

    /// <summary>
    /// A running job of a lower queue gives way. Under <see cref="TiresiasPreempted.KeepPlace"/> so does a job demoted
    /// into the candidate's queue since the previous pass (<see cref="JustDemoted"/>): it queues behind the jobs already waiting there.
    /// </summary>
    public virtual bool ShouldPreempt(in ActiveJob candidate, in ActiveJob running, SimTime now)
    {
        int qr = Queues.QueueOf(running.AttainedServiceChipS), qc = Queues.QueueOf(candidate.AttainedServiceChipS);
        if (qr != qc) return qr > qc;
        return Settings.Preempted == TiresiasPreempted.KeepPlace && JustDemoted(running, now);
    }

    public SimTime NextRankChange(in ActiveJob running, SimTime now)
        => Settings.DemotionReview == TiresiasDemotionReview.Simulator ? Queues.NextSimulatorJump(running, now) : Queues.NextDemotion(running, now);
}
