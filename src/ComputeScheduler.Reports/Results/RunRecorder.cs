using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Reports.Results;

/// <summary>
/// Collects what a run produced, window by window, in whatever order the windows deliver it;
/// the writers sort everything by stable keys, so the files never depend on delivery order.
/// </summary>
public sealed class RunRecorder
{
    private readonly List<JobOutcome> _outcomes = new();
    private readonly List<TimeseriesSample> _samples = new();
    private long _submitted;

    public IReadOnlyList<JobOutcome> Outcomes => _outcomes;
    public IReadOnlyList<TimeseriesSample> Samples => _samples;
    public long Submitted => _submitted;
    public long Events { get; set; }
    public long Windows { get; set; }

    /// <summary>Actor messages the run coordinator sent and received (0 for a run without actors).</summary>
    public long Messages { get; set; }

    /// <summary>Time of the last event of the run (last finish or rejection).</summary>
    public SimTime Makespan { get; private set; }

    public void CountSubmitted(long jobs) => _submitted += jobs;

    public void Add(WindowOutput window)
    {
        AddOutcomes(window.Outcomes);
        _samples.AddRange(window.Samples);
    }

    public void AddOutcomes(IEnumerable<JobOutcome> outcomes)
    {
        foreach (var o in outcomes)
        {
            _outcomes.Add(o);
            if (o.End > Makespan) Makespan = o.End;
        }
    }
}
