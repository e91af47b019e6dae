using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.QueueOrder;

/// <summary>
/// Tiresias' discretised priority queues (NSDI'19, section 4.2): a job's queue is the number of
/// thresholds its attained service (chips x seconds run, its "2D" service) has reached, so every
/// new job starts in queue 0 and is demoted as it runs.
/// </summary>
public sealed class ServiceQueues
{
    /// <summary>
    /// Three queues split at 3,250 and 7,200 chip-seconds: the Tiresias simulator's own setting
    /// (github.com/SymbioticLab/Tiresias, simulator/jobs.py: <c>num_queue = 3</c>, <c>queue_limit = [3250, 7200, 18000]</c>).
    /// </summary>
    public static readonly ServiceQueues TiresiasDefault = new(TiresiasSettings.SimulatorThresholds);

    private readonly double[] _thresholdsChipS;

    public ServiceQueues(IReadOnlyList<double> thresholdsChipS)
    {
        for (int i = 0; i < thresholdsChipS.Count; i++)
            if (!(thresholdsChipS[i] > 0) || (i > 0 && thresholdsChipS[i] <= thresholdsChipS[i - 1]))
                throw new ArgumentException("queue thresholds must be positive and increasing");
        _thresholdsChipS = thresholdsChipS.ToArray();
    }

    public int QueueCount => _thresholdsChipS.Length + 1;

    public int QueueOf(double attainedChipS)
    {
        int q = 0;
        while (q < _thresholdsChipS.Length && attainedChipS >= _thresholdsChipS[q]) q++;
        return q;
    }

    /// <summary>
    /// True when the job reached its queue's threshold less than <paramref name="seconds"/> of its running ago
    /// (when it has run all that time): it was demoted within that span. Never for queue 0.
    /// </summary>
    public bool EnteredWithin(in ActiveJob job, double seconds)
    {
        int q = QueueOf(job.AttainedServiceChipS);
        double share = job.Chips * (job.ChipMilli / 1000d);
        return q > 0 && share > 0 && job.AttainedServiceChipS - _thresholdsChipS[q - 1] < share * seconds;
    }

    /// <summary>
    /// When the running job took its place among the running jobs of its queue: when it crossed its queue's threshold
    /// in its current run, else when the run started.
    /// </summary>
    public SimTime EnteredRunningQueue(in ActiveJob running, SimTime now)
    {
        int q = QueueOf(running.AttainedServiceChipS);
        double share = running.Chips * (running.ChipMilli / 1000d);
        if (q == 0 || share <= 0) return running.Started;
        double since = (running.AttainedServiceChipS - _thresholdsChipS[q - 1]) / share;
        var crossed = now - SimDuration.FromSeconds(since);
        return crossed > running.Started ? crossed : running.Started;
    }

    /// <summary>
    /// The Tiresias simulator's next look at a running job that is not in the last queue: now + floor((threshold -
    /// whole seconds run) / GPUs) whole seconds (<see cref="TiresiasDemotionReview.Simulator"/>); <see cref="SimTime.MaxValue"/> in the last queue.
    /// </summary>
    public SimTime NextSimulatorJump(in ActiveJob running, SimTime now)
    {
        int q = QueueOf(running.AttainedServiceChipS);
        if (q >= _thresholdsChipS.Length || running.Chips <= 0) return SimTime.MaxValue;
        long left = (long)Math.Floor(_thresholdsChipS[q]) - (long)Math.Floor(running.ExecutedS + 1e-6);
        long seconds = (long)Math.Floor(left / (double)running.Chips);
        return now + SimDuration.FromSeconds(Math.Max(seconds, 0));
    }

    /// <summary>When a running job reaches its queue's threshold and is demoted; <see cref="SimTime.MaxValue"/> in the last queue.</summary>
    public SimTime NextDemotion(in ActiveJob running, SimTime now)
    {
        int q = QueueOf(running.AttainedServiceChipS);
        double share = running.Chips * (running.ChipMilli / 1000d);
        if (q >= _thresholdsChipS.Length || share <= 0) return SimTime.MaxValue;
        double seconds = (_thresholdsChipS[q] - running.AttainedServiceChipS) / share;
        return now + SimDuration.FromSecondsCeiling(Math.Max(seconds, 1e-6));
    }
}
