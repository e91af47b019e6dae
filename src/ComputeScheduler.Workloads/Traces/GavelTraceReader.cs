using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Workloads.Traces;

/// <summary>
/// Gavel job traces (OSDI'20; `data/gavel/traces-physical-cluster/*.trace`): tab-separated,
/// no header, 10 fields: job_type, command, working_directory, num_steps_arg, needs_data_dir,
/// total_steps, scale_factor, priority_weight, SLO, arrival_time. A job's work comes from Gavel's
/// measured throughput table: runtime on the reference chip's worker type = total_steps /
/// throughput(job type, scale factor, worker), carried as work in reference chip-seconds so that
/// the performance model scales it by the measured relative throughput on other chips. The job's
/// class is its job type (see performance.gavelThroughputs). Jobs are numbered by line.
/// </summary>
public sealed class GavelTraceReader(GavelThroughputs throughputs, string referenceWorker) : ITraceReader
{
    public const string FormatName = "gavel";
    private static readonly string[] FieldNames =
        ["job_type", "command", "working_directory", "num_steps_arg", "needs_data_dir", "total_steps", "scale_factor", "priority_weight", "SLO", "arrival_time"];

    public string Format => FormatName;

    public bool Recognises(string path, string? firstLine)
        => path.EndsWith(".trace", StringComparison.OrdinalIgnoreCase) && firstLine is not null && firstLine.Split('\t').Length == FieldNames.Length;

    public IEnumerable<JobSpec> Read(string path, TraceReadOptions options)
    {
        using var text = TraceText.Open(path);
        double lastArrival = 0;
        long id = 0;
        string? line;
        while ((line = text.ReadLine()) is not null)
        {
            if (line.Trim().Length == 0) continue;
            JobSpec job;
            try
            {
                job = Parse(new TraceFields(path, text.LineNumber), line, id, options, ref lastArrival);
            }
            catch (InputException e) when (options.SkipBad)
            {
                options.BadLines.Add(e);
                id++;
                continue;
            }
            id++;
            yield return job;
        }
    }

    private JobSpec Parse(TraceFields f, string line, long id, TraceReadOptions options, ref double lastArrival)
    {
        var fields = line.Split('\t');
        if (fields.Length < FieldNames.Length)
            throw f.Error(FieldNames[fields.Length], $"{FieldNames.Length} tab-separated fields", $"{fields.Length} fields");
        string type = fields[0];
        double steps = f.Number("total_steps", fields[5], 1);
        int scale = f.Chips("scale_factor", fields[6]);
        double arrival = f.Seconds("arrival_time", fields[9]);
        if (arrival < lastArrival) throw f.Error("arrival_time", $"arrival times in increasing order (at least {lastArrival})", fields[9]);
        lastArrival = arrival;
        if (!throughputs.TryGet(type, scale, referenceWorker, out double stepsPerS))
            throw f.Error("job_type", $"a job type and scale factor in the throughput table for worker {referenceWorker}", $"('{type}', {scale})");
        if (stepsPerS <= 0)
            throw f.Error("job_type", $"a job type that runs on worker {referenceWorker} (its measured throughput is 0)", $"'{type}'");
        double runtimeS = steps / stepsPerS;
        if (runtimeS > TraceLimits.MaxSeconds)
            throw f.Error("total_steps", $"a runtime of at most 100 years ({TraceLimits.MaxSeconds} s) at {stepsPerS} steps/s on worker {referenceWorker}", fields[5]);
        options.Targets?.CheckClass(f, "job_type", type);
        return new JobSpec(new JobId(id), SimTime.FromSeconds(arrival), 0, JobKind.Training, type, scale, null, null,
            runtimeS * scale, 0, null, 0, false, null, null, null);
    }
}
