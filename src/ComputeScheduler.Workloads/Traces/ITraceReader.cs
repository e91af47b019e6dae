using ComputeScheduler.Model.Jobs;

namespace ComputeScheduler.Workloads.Traces;

/// <summary>
/// Reads one trace format into native jobs, streaming: memory stays bounded by what a line
/// needs, whatever the trace's length (but for the formats whose ids come from the file, native and
/// SWF, which keep each id seen to refuse duplicates). Jobs come in submit order: a reader of a format that
/// must be in order stops with an error at a row out of order, never silently reorders; a
/// format that is unordered by nature (the Philly JSON array, openb's derived pod lists) is read
/// whole and sorted, and says so. A malformed line
/// throws <see cref="InputException"/> naming file, line and field, or is skipped and logged
/// when <see cref="TraceReadOptions.SkipBad"/> is set.
/// </summary>
public interface ITraceReader
{
    /// <summary>The name used with --format.</summary>
    string Format { get; }

    /// <summary>True when the file's name or first line says it is in this format.</summary>
    bool Recognises(string path, string? firstLine);

    IEnumerable<JobSpec> Read(string path, TraceReadOptions options);
}
