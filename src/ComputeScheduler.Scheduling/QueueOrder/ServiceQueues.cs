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
    /// Two queues split at 3,600 chip-seconds: the example setting of the Tiresias simulator's
    /// README (github.com/SymbioticLab/Tiresias, simulator/README.md: "there are two queues, and
    /// the threshold for Q1 is 3600 seconds").
    /// </summary>
    public static readonly ServiceQueues TiresiasDefault = new([3600]);

    private readonly double[] _thresholdsChipS;

    public ServiceQueues(double[] thresholdsChipS)
    {
        for (int i = 0; i < thresholdsChipS.Length; i++)
            if (thresholdsChipS[i] <= 0 || (i > 0 && thresholdsChipS[i] <= thresholdsChipS[i - 1]))
                throw new ArgumentException("queue thresholds must be positive and increasing");
        _thresholdsChipS = thresholdsChipS;
    }

    public int QueueCount => _thresholdsChipS.Length + 1;

    public int QueueOf(double attainedChipS)
    {
        int q = 0;
        while (q < _thresholdsChipS.Length && attainedChipS >= _thresholdsChipS[q]) q++;
        return q;
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
