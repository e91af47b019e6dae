using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Workloads.Traces;

/// <summary>
/// Tiresias simulator job CSV (NSDI'19; `data/tiresias/`): header with at least
/// <c>job_id</c>, <c>num_gpu</c>, <c>submit_time</c> and <c>duration</c> (seconds); other columns
/// (iterations, model_name, interval, ...) are not used. Mapping: row order -> id (job_id is checked
/// to be a number but not kept: tf_job.csv repeats its one row, so job ids are not unique), submit_time ->
/// submit, num_gpu -> chips, duration -> observed runtime; kind training. Rows must be in submit order.
/// </summary>
public sealed class TiresiasTraceReader : ITraceReader
{
    public const string FormatName = "tiresias";
    private static readonly string[] Required = ["job_id", "num_gpu", "submit_time", "duration"];

    public string Format => FormatName;

    public bool Recognises(string path, string? firstLine)
        => firstLine is not null && firstLine.StartsWith("job_id,num_gpu,submit_time", StringComparison.Ordinal);

    public IEnumerable<JobSpec> Read(string path, TraceReadOptions options)
    {
        double lastSubmit = 0;
        long index = -1;
        foreach (var row in CsvTraceRows.Read(path, Required))
        {
            index++;
            JobSpec job;
            try
            {
                var f = row.Fields;
                f.Integer("job_id", row.Required("job_id"), 0);
                int gpus = f.Chips("num_gpu", row.Required("num_gpu"));
                double submit = f.Seconds("submit_time", row.Required("submit_time"));
                double duration = f.Seconds("duration", row.Required("duration"));
                if (submit < lastSubmit) throw f.Error("submit_time", $"submit times in increasing order (at least {lastSubmit})", row.Required("submit_time"));
                job = new JobSpec(new JobId(index), SimTime.FromSeconds(submit), 0, JobKind.Training, options.JobClass, gpus, null, null,
                    duration * gpus, 0, null, 0, false, null, null, null, duration, options.ChipModel);
            }
            catch (InputException e) when (options.SkipBad)
            {
                options.BadLines.Add(e);
                continue;
            }
            lastSubmit = job.Submit.TotalSeconds;
            yield return job;
        }
    }
}
