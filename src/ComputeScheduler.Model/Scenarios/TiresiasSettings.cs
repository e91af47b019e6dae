namespace ComputeScheduler.Model.Scenarios;

/// <summary>Where a preempted job rejoins its queue under <c>2d-las</c> (and <c>gittins</c> with <see cref="TiresiasGittinsOrder.OnJoin"/>).</summary>
public enum TiresiasPreempted
{
    /// <summary>
    /// The Tiresias simulator's order (run_sim.py, <c>dlas_sim_jobs</c>): after every event each queue
    /// lists its running jobs before its waiting ones, so a preempted job rejoins ahead of the jobs
    /// already waiting in its queue (the most recently preempted first); a job demoted at this instant
    /// joins the new queue behind its waiting jobs, which may take its chips (preempt it) now.
    /// </summary>
    KeepPlace,

    /// <summary>The paper's FIFO within a queue by when a job joined it: a preempted job goes to the back; a demoted job keeps running until a job of a higher queue needs its chips.</summary>
    Back,
}

/// <summary>When <c>gittins</c> compares jobs of the same queue by their Gittins index.</summary>
public enum TiresiasGittinsOrder
{
    /// <summary>
    /// The Tiresias simulator's 2D-Gittins (<c>dlas-gpu-gittins</c>): at every scheduling event each queue
    /// is sorted again by the index of each job's current attained service (highest first, then the
    /// earliest arrival), so a waiting job whose index is higher than a running job's of the same queue
    /// takes that job's chips.
    /// </summary>
    EveryPass,

    /// <summary>The index is taken when a job joins its queue; only a job of a higher queue preempts.</summary>
    OnJoin,
}

/// <summary>The service distribution <c>gittins</c> takes its index from.</summary>
public enum TiresiasGittinsDistribution
{
    /// <summary>
    /// The Tiresias simulator's: the 1,001 GPU-time samples of its <c>yarn-gput1000.csv</c> (data/tiresias/), with its
    /// index formula (<c>cal_r_gittins_index</c>: the chance of finishing within 3,250 GPU-s over the expected service
    /// in that quantum), looked up as <c>get_gittins_index</c> does.
    /// </summary>
    TiresiasYarn,

    /// <summary>
    /// The paper's: the service (chips x seconds run) of the jobs that finished in the centre so far, with the
    /// Gittins index maximised over the quantum (<c>GittinsIndex</c>); no job's own runtime is read.
    /// </summary>
    Observed,
}

/// <summary>When the engine looks again at a running job that will be demoted (its next review).</summary>
public enum TiresiasDemotionReview
{
    /// <summary>The moment its attained service reaches its queue's threshold.</summary>
    AtThreshold,

    /// <summary>
    /// When the Tiresias simulator's next "job jump" event comes (run_sim.py, <c>dlas_sim_jobs</c>):
    /// floor((threshold - seconds run) / GPUs) seconds after the last event. The simulator means a ceiling
    /// of GPU-seconds left over GPUs, but divides whole numbers (Python 2) and takes seconds run for service,
    /// so a job of g &gt; 1 GPUs is looked at first a fraction of a second before it crosses (not demoted yet) and
    /// then only after (threshold - seconds run) / g more seconds: its demotion comes late unless another event comes first.
    /// </summary>
    Simulator,
}

/// <summary>
/// The settings of Tiresias' queue orders (<c>2d-las</c>, <c>gittins</c>), from <c>policies.tiresias</c>. The defaults
/// follow the authors' simulator (github.com/SymbioticLab/Tiresias, simulator/); the paper's semantics are selectable.
/// </summary>
public sealed record TiresiasSettings
{
    /// <summary>The simulator's jobs.py: <c>num_queue = 3</c>, <c>queue_limit = [3250, 7200, 18000]</c> (the third limit unused with 3 queues).</summary>
    public static readonly IReadOnlyList<double> SimulatorThresholds = [3250, 7200];

    /// <summary>The authors' simulator's semantics (declared after <see cref="SimulatorThresholds"/>, which it reads).</summary>
    public static readonly TiresiasSettings Default = new();

    /// <summary>Attained service (chip-seconds) at which a job moves to the next queue, increasing; queues = thresholds + 1.</summary>
    public IReadOnlyList<double> QueueThresholdsChipS { get; init; } = SimulatorThresholds;

    public TiresiasPreempted Preempted { get; init; } = TiresiasPreempted.KeepPlace;

    public TiresiasGittinsOrder GittinsOrder { get; init; } = TiresiasGittinsOrder.EveryPass;

    public TiresiasGittinsDistribution GittinsDistribution { get; init; } = TiresiasGittinsDistribution.TiresiasYarn;

    /// <summary>
    /// At its threshold by default: the simulator's late review is a slip of its arithmetic (see <see cref="TiresiasDemotionReview.Simulator"/>),
    /// selectable to replay its figures.
    /// </summary>
    public TiresiasDemotionReview DemotionReview { get; init; } = TiresiasDemotionReview.AtThreshold;

    /// <summary>The paper's semantics: two queues at 3,600 chip-s (the simulator README's example), preempted jobs to the back, index on joining, observed distribution.</summary>
    public static readonly TiresiasSettings Paper = new()
    {
        QueueThresholdsChipS = [3600], Preempted = TiresiasPreempted.Back, GittinsOrder = TiresiasGittinsOrder.OnJoin,
        GittinsDistribution = TiresiasGittinsDistribution.Observed,
    };
}
