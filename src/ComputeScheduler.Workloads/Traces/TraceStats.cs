using ComputeScheduler.Model.Jobs;

namespace ComputeScheduler.Workloads.Traces;

/// <summary>
/// Streaming statistics of a trace's jobs: count, submit span, arrival rate, chip-hours (observed
/// runtime x chips, or work in reference chip-seconds when a job has no observed runtime),
/// request sizes in power-of-two bins, and the chip-model mix. O(1) memory per distinct model.
/// </summary>
public sealed class TraceStats
{
    private readonly SortedDictionary<int, long> _sizes = new();
    private readonly SortedDictionary<string, long> _models = new(StringComparer.Ordinal);

    public long Jobs { get; private set; }
    public double FirstSubmitS { get; private set; } = double.NaN;
    public double LastSubmitS { get; private set; } = double.NaN;
    public double ChipHours { get; private set; }
    /// <summary>Jobs that ask for a share of one chip.</summary>
    public long FractionalJobs { get; private set; }

    /// <summary>Chips asked for in all, in whole-chip units (a share counts by its fraction).</summary>
    public double ChipsRequested { get; private set; }

    public double SpanS => Jobs == 0 ? 0 : LastSubmitS - FirstSubmitS;

    /// <summary>Jobs per hour over the submit span (0 for fewer than two distinct submit times).</summary>
    public double ArrivalsPerHour => SpanS > 0 ? (Jobs - 1) / (SpanS / 3600) : 0;

    /// <summary>Jobs by request size, keyed by the bin's upper bound (0 for jobs of no chip, then 1, 2, 4, 8, ...).</summary>
    public IReadOnlyDictionary<int, long> SizeBins => _sizes;

    /// <summary>Jobs by the chip model they ran on or ask for ("any" when neither is known).</summary>
    public IReadOnlyDictionary<string, long> ChipModels => _models;

    public static TraceStats Of(IEnumerable<JobSpec> jobs)
    {
        var stats = new TraceStats();
        foreach (var j in jobs) stats.Add(j);
        return stats;
    }

    public void Add(JobSpec job)
    {
        Jobs++;
        double submit = job.Submit.TotalSeconds;
        if (double.IsNaN(FirstSubmitS)) FirstSubmitS = submit;
        LastSubmitS = submit;
        ChipHours += (job.ObservedRuntimeS is { } r ? r * job.ChipShare : job.WorkReferenceChipSeconds) / 3600;
        if (job.IsShared) FractionalJobs++;
        ChipsRequested += job.ChipShare;
        int bin = job.Chips == 0 ? 0 : 1;
        while (bin < job.Chips) bin <<= 1;
        _sizes[bin] = _sizes.GetValueOrDefault(bin) + 1;
        string model = job.ObservedChipModel ?? job.ChipModel ?? "any";
        _models[model] = _models.GetValueOrDefault(model) + 1;
    }
}
