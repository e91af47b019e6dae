using System.Runtime.InteropServices;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.National;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Reports.Results;

/// <summary>
/// Collects what a run produced, window by window, in whatever order the windows deliver it;
/// the writers read everything back by stable keys, so the files never depend on delivery order.
/// Outcomes beyond <see cref="DefaultSpillRunLength"/> in memory are spilled to sorted temporary
/// files, so memory does not grow with the jobs of the run (dispose the recorder to delete them).
/// </summary>
public sealed class RunRecorder : INationalRunSink, IDisposable
{
    /// <summary>Outcomes held in memory before a sorted run is written to disk (about 0.1 GB).</summary>
    public const int DefaultSpillRunLength = 250_000;

    private readonly OutcomeSpill _outcomes;
    private readonly List<TimeseriesSample> _samples = new();
    private long _submitted;

    public RunRecorder() : this(DefaultSpillRunLength) { }

    public RunRecorder(int spillRunLength) => _outcomes = new OutcomeSpill(Math.Max(1, spillRunLength));

    /// <summary>Every outcome, in job-id order (read back from disk when spilled); for writers and tests.</summary>
    public IReadOnlyList<JobOutcome> Outcomes => _outcomes.InIdOrder().ToList();

    /// <summary>Every outcome in job-id order, streamed.</summary>
    public IEnumerable<JobOutcome> OutcomesInIdOrder() => _outcomes.InIdOrder();

    public long OutcomeCount => _outcomes.Count;
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

    /// <summary>Takes the totals of a finished national run.</summary>
    public void Complete(RunTotals totals)
    {
        CountSubmitted(totals.Submitted);
        Windows = totals.Windows;
        Events = totals.Events;
        // In the files' order, in place: the writers then read them as they are, with no sorted copy.
        CollectionsMarshal.AsSpan(_samples).Sort(TimeseriesOrder.Instance);
    }

    public void Dispose() => _outcomes.Dispose();
}
