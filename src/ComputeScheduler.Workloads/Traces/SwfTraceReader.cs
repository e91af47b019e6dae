using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Workloads.Traces;

/// <summary>
/// Standard Workload Format (Parallel Workloads Archive, v2.2), plain or gzip: header lines start
/// with ';', then 18 whitespace-separated fields per job. Mapping (docs/traces.md): job id (1) -> id,
/// submit time (2) -> submit, run time (4) -> observed runtime, allocated processors (5, else
/// requested processors 8) -> chips, user (12) -> tenant; kind batch. A job whose run time or
/// processor count is -1 (not available) cannot be replayed: it is skipped and counted in
/// <see cref="SkippedUnavailable"/>, not treated as a malformed line.
/// </summary>
public sealed class SwfTraceReader : ITraceReader
{
    public const string FormatName = "swf";
    private static readonly string[] FieldNames =
    [
        "job_number", "submit_time", "wait_time", "run_time", "allocated_processors", "average_cpu_time", "used_memory",
        "requested_processors", "requested_time", "requested_memory", "status", "user_id", "group_id", "executable",
        "queue", "partition", "preceding_job", "think_time",
    ];

    public string Format => FormatName;

    /// <summary>Jobs of the last read without a run time or processor count.</summary>
    public long SkippedUnavailable { get; private set; }

    public bool Recognises(string path, string? firstLine)
        => path.EndsWith(".swf", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".swf.gz", StringComparison.OrdinalIgnoreCase)
           || (firstLine is not null && firstLine.StartsWith(';'));

    public IEnumerable<JobSpec> Read(string path, TraceReadOptions options)
    {
        SkippedUnavailable = 0;
        using var text = TraceText.Open(path);
        double lastSubmit = 0;
        var ids = new Dictionary<long, long>();   // job number -> its line: job numbers must be unique
        string? line;
        while ((line = text.ReadLine()) is not null)
        {
            var span = line.AsSpan().Trim();
            if (span.IsEmpty || span[0] == ';') continue;
            JobSpec? job;
            try
            {
                var f = new TraceFields(path, text.LineNumber);
                job = Parse(f, line, options, ref lastSubmit);
                if (job is not null && !ids.TryAdd(job.Id.Value, text.LineNumber))
                    throw f.Error(FieldNames[0], $"a job number used once ({job.Id.Value} is the job on line {ids[job.Id.Value]})", job.Id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (InputException e) when (options.SkipBad)
            {
                options.BadLines.Add(e);
                continue;
            }
            if (job is null) { SkippedUnavailable++; continue; }
            yield return job;
        }
    }

    private static JobSpec? Parse(TraceFields f, string line, TraceReadOptions options, ref double lastSubmit)
    {
        var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < FieldNames.Length)
            throw f.Error(FieldNames[fields.Length], $"{FieldNames.Length} whitespace-separated fields", $"{fields.Length} fields");
        long id = f.Integer(FieldNames[0], fields[0], 0);
        double submit = f.Seconds(FieldNames[1], fields[1]);
        double runtime = f.Number(FieldNames[3], fields[3], -1, TraceLimits.MaxSeconds);
        long allocated = f.Integer(FieldNames[4], fields[4], -1);
        long requested = f.Integer(FieldNames[7], fields[7], -1);
        long user = f.Integer(FieldNames[11], fields[11], -1, int.MaxValue);
        if (submit < lastSubmit)
            throw f.Error(FieldNames[1], $"submit times in increasing order (at least {lastSubmit})", fields[1]);
        lastSubmit = submit;
        long procs = allocated > 0 ? allocated : requested;
        if (runtime < 0 || procs <= 0) return null;
        if (procs > TraceLimits.MaxChips)
            throw f.Error(FieldNames[allocated > 0 ? 4 : 7], $"at most {TraceLimits.MaxChips} processors", allocated > 0 ? fields[4] : fields[7]);
        return new JobSpec(new JobId(id), SimTime.FromSeconds(submit), (int)Math.Max(0, user), JobKind.Batch, options.JobClass,
            (int)procs, null, null, runtime * procs, 0, null, 0, false, null, null, null, runtime, options.ChipModel);
    }
}
