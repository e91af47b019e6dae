using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.National;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Reports.Results;

/// <summary>
/// Collects what a run produced, window by window, in whatever order the windows deliver it;
/// the writers read everything back by stable keys, so the files never depend on delivery order.
/// Outcomes and time-series samples beyond <see cref="DefaultSpillRunLength"/> each in memory are spilled to
/// sorted temporary files, so memory does not grow with the jobs and samples of the run (dispose the recorder to delete them).
/// </summary>
public sealed class RunRecorder : INationalRunSink, IDisposable
{
    /// <summary>Outcomes (or samples) held in memory before a sorted run is written to disk (about 0.1 GB of outcomes, 14 MB of samples).</summary>
    public const int DefaultSpillRunLength = 250_000;

    private readonly SortedSpill<JobOutcome> _outcomes;
    private readonly SortedSpill<TimeseriesSample> _samples;
    private long _submitted;

    public RunRecorder() : this(DefaultSpillRunLength) { }

    public RunRecorder(int spillRunLength)
    {
        _outcomes = new SortedSpill<JobOutcome>(spillRunLength, OutcomeSpillFormat.Instance);
        _samples = new SortedSpill<TimeseriesSample>(spillRunLength, new SampleSpillFormat());
    }

    /// <summary>Every outcome, in job-id order (read back from disk when spilled); for writers and tests.</summary>
    public IReadOnlyList<JobOutcome> Outcomes => _outcomes.InOrder().ToList();

    /// <summary>Every outcome in job-id order, streamed.</summary>
    public IEnumerable<JobOutcome> OutcomesInIdOrder() => _outcomes.InOrder();

    public long OutcomeCount => _outcomes.Count;
    /// <summary>Every time-series sample, in the files' order (<see cref="TimeseriesOrder"/>; read back from disk when spilled); for tests.</summary>
    public IReadOnlyList<TimeseriesSample> Samples => _samples.InOrder().ToList();

    /// <summary>Every time-series sample in the files' order (<see cref="TimeseriesOrder"/>), streamed.</summary>
    public IEnumerable<TimeseriesSample> SamplesInOrder() => _samples.InOrder();

    public long SampleCount => _samples.Count;
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
        foreach (var s in window.Samples) _samples.Add(s);
    }

    public void AddOutcomes(IEnumerable<JobOutcome> outcomes)
    {
        foreach (var o in outcomes)
        {
            _outcomes.Add(o);
            if (o.End > Makespan) Makespan = o.End;
        }
    }

    /// <summary>Takes the totals of a finished national run.</summary>
    public void Complete(RunTotals totals)
    {
        CountSubmitted(totals.Submitted);
        Windows = totals.Windows;
        Events = totals.Events;
    }

    public void Dispose()
    {
        _outcomes.Dispose();
        _samples.Dispose();
    }
}
