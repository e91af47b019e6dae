namespace ComputeScheduler.Workloads.Traces;

/// <summary>
/// Reads a trace through once before a run, exactly as the run will read it (same reader, same
/// options, same scenario targets), so that a bad line, a job naming what the scenario lacks, or a
/// file of no jobs is refused before anything is written. Streams like the readers: memory does
/// not grow with the trace beyond the readers' own id checks.
/// </summary>
public static class TraceCheck
{
    /// <summary>The number of jobs the run will read; throws <see cref="InputException"/> at the first bad line or for no jobs.</summary>
    public static long Validate(ITraceReader reader, string path, TraceReadOptions options)
    {
        var dry = options.Fresh();
        long jobs = 0;
        foreach (var _ in reader.Read(path, dry)) jobs++;
        if (jobs == 0) throw NoJobs(reader, path, dry);
        return jobs;
    }

    /// <summary>"no jobs in file", with why when the reader knows (everything skipped, nothing replayable).</summary>
    public static InputException NoJobs(ITraceReader reader, string path, TraceReadOptions options)
    {
        var why = new List<string>();
        if (File.Exists(path) && new FileInfo(path).Length == 0) why.Add("the file is empty");
        if (options.BadLines.Count > 0) why.Add($"{options.BadLines.Count} malformed line(s) skipped");
        if (reader is SwfTraceReader { SkippedUnavailable: > 0 } swf) why.Add($"{swf.SkippedUnavailable} job(s) without a run time or processor count");
        if (reader is OpenbPodReader { SkippedNeverScheduled: > 0 } openb) why.Add($"{openb.SkippedNeverScheduled} pod(s) never scheduled");
        return new InputException($"{path}: no jobs in file{(why.Count > 0 ? $" ({string.Join("; ", why)})" : "")}");
    }
}
