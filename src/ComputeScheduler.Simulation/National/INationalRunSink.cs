using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Simulation.National;

/// <summary>
/// Where a national run puts what it produces, in whatever order its host delivers it: every
/// centre's window output, the jobs the dispatcher rejected, and the totals at the end. It counts
/// the outcomes it was given and the latest end among them, which the windows read back.
/// </summary>
public interface INationalRunSink
{
    /// <summary>Outcomes added so far.</summary>
    long OutcomeCount { get; }

    /// <summary>The latest end (finish or rejection) among the outcomes added so far.</summary>
    Model.Time.SimTime Makespan { get; }

    void Add(WindowOutput window);

    void AddOutcomes(IEnumerable<JobOutcome> outcomes);

    void Complete(RunTotals totals);
}

/// <summary>Counts of a finished national run: jobs read from the workload, windows run and centre events processed.</summary>
public readonly record struct RunTotals(long Submitted, long Windows, long Events);
