using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.QueueOrder;

/// <summary>
/// Tiresias' discretised 2D-Gittins (NSDI'19): the same <see cref="ServiceQueues"/> and preemption
/// between queues as <see cref="TiresiasLasQueueOrder"/>, but within a queue jobs go in order of
/// their Gittins index of their attained service (highest first). Fit-first (a job that does not fit is skipped).
/// <list type="bullet">
/// <item><see cref="TiresiasSettings.GittinsDistribution"/>: the index comes from the Tiresias simulator's YARN
/// service samples and formula (<see cref="TiresiasSimulatorGittins"/>, the default), or from the service of
/// the jobs that finished in the centre so far (<see cref="GittinsIndex"/>). Never from a job's own runtime.</item>
/// <item><see cref="TiresiasSettings.GittinsOrder"/>: under <see cref="TiresiasGittinsOrder.EveryPass"/> (the
/// simulator's <c>dlas-gpu-gittins</c>, the default) jobs of a queue compare by the index of their current
/// attained service, then the earliest arrival, whenever the engine looks (so a waiting job preempts a running job of
/// its queue whose index has fallen below its own); under <see cref="TiresiasGittinsOrder.OnJoin"/> the index
/// is taken when the job joins its queue, then FIFO (<see cref="DiscretisedServiceQueueOrder.FifoKey"/>), and only a higher queue preempts.</item>
/// </list>
/// </summary>
public sealed class TiresiasGittinsQueueOrder : DiscretisedServiceQueueOrder, IJobLifecycleObserver
{
    public const string PolicyName = "gittins";

    private readonly GittinsIndex? _observed;
    private readonly TiresiasSimulatorGittins? _prior;

    public TiresiasGittinsQueueOrder() : this(TiresiasSettings.Default) { }

    public TiresiasGittinsQueueOrder(TiresiasSettings settings) : base(settings)
    {
        if (settings.GittinsDistribution == TiresiasGittinsDistribution.Observed) _observed = new GittinsIndex();
        else _prior = TiresiasSimulatorGittins.Yarn;
    }

    public override string Name => PolicyName;

    private bool EveryPass => Settings.GittinsOrder == TiresiasGittinsOrder.EveryPass;

    /// <summary>The index of a job that has attained <paramref name="attainedChipS"/> (higher is served first).</summary>
    public double IndexOf(double attainedChipS) => _prior?.Of(attainedChipS) ?? _observed!.Of(attainedChipS);

    protected override double WithinQueueKey(in WaitingJob job) => -IndexOf(job.AttainedServiceChipS);

    protected override double TieKey(in WaitingJob job) => EveryPass ? job.Active.Arrival.Microseconds : FifoKey(job);

    public override double PreemptionRank(in ActiveJob job, SimTime now)
        => EveryPass ? Queues.QueueOf(job.AttainedServiceChipS) + 0.5 / (1 + IndexOf(job.AttainedServiceChipS)) : base.PreemptionRank(job, now);

    public override bool ShouldPreempt(in ActiveJob candidate, in ActiveJob running, SimTime now)
    {
        if (!EveryPass) return base.ShouldPreempt(candidate, running, now);
        int qr = Queues.QueueOf(running.AttainedServiceChipS), qc = Queues.QueueOf(candidate.AttainedServiceChipS);
        if (qr != qc) return qr > qc;
        double gr = IndexOf(running.AttainedServiceChipS), gc = IndexOf(candidate.AttainedServiceChipS);
        return gr < gc || (gr == gc && running.Arrival > candidate.Arrival);
    }

    public void Started(in ActiveJob job) { }

    /// <summary>A finished job's service joins the observed distribution (nothing is read of a job before it finishes).</summary>
    public void Stopped(in ActiveJob job, bool finished)
    {
        if (finished) _observed?.Observe(job.AttainedServiceChipS);
    }
}
