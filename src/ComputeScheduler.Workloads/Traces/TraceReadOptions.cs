namespace ComputeScheduler.Workloads.Traces;

/// <summary>How a trace is read and mapped to jobs.</summary>
/// <param name="JobClass">Performance class of the trace's jobs (must exist in the topology).</param>
/// <param name="ChipModel">Catalog chip the trace's runtimes were observed on, or null for "as given".</param>
/// <param name="SkipBad">Skip malformed lines (counted in <see cref="BadLines"/>) instead of stopping.</param>
/// <param name="Everything">Return every record, even those that cannot be replayed (for statistics).</param>
public sealed record TraceReadOptions(string JobClass, string? ChipModel = null, bool SkipBad = false, bool Everything = false)
{
    public BadLineLog BadLines { get; } = new();

    /// <summary>The scenario the jobs will run on: when given, jobs naming a class, chip or centre it lacks are refused at their line.</summary>
    public TraceTargets? Targets { get; init; }

    /// <summary>The same options with a log of their own (for a reading that checks the trace before the run reads it again).</summary>
    public TraceReadOptions Fresh() => new(JobClass, ChipModel, SkipBad, Everything) { Targets = Targets };
}
