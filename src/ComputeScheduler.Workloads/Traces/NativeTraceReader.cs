using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Workloads.Traces;

/// <summary>
/// The native job format: CSV with a header, one job per row, rows in submit order, plain or
/// gzip. Columns (see docs/traces.md): required <c>id</c>, <c>submit_s</c>, <c>chips</c> and one of
/// <c>runtime_s</c> (observed runtime) or <c>work_ref_chip_s</c> (work in reference chip-seconds);
/// optional <c>kind</c>, <c>job_class</c>, <c>runtime_chip</c>, <c>chip_model</c>, <c>stack</c>,
/// <c>tenant</c>, <c>priority</c>, <c>data_region</c>, <c>data_gb</c>, <c>restricted</c>,
/// <c>demand_region</c>, <c>latency_limit_ms</c>, <c>centre</c> (0-based centre index), <c>chip_milli</c>
/// (thousandths of one chip for a job that shares a chip; 1000 by default), <c>max_delay_s</c> (how long
/// the dispatcher may hold a delay-tolerant job), <c>data_centre</c> (key of the centre holding its data).
/// </summary>
public sealed class NativeTraceReader : ITraceReader
{
    public const string FormatName = "native";

    private static readonly Dictionary<string, JobKind> Kinds = new(StringComparer.Ordinal)
    {
        ["training"] = JobKind.Training,
        ["inference"] = JobKind.Inference,
        ["batch"] = JobKind.Batch,
    };

    public string Format => FormatName;

    public bool Recognises(string path, string? firstLine)
        => firstLine is not null && firstLine.StartsWith("id,", StringComparison.Ordinal) && firstLine.Contains("submit_s", StringComparison.Ordinal);

    public IEnumerable<JobSpec> Read(string path, TraceReadOptions options)
    {
        var lastSubmit = SimTime.Zero;
        bool checkedRuntimeColumns = false;
        var ids = new Dictionary<long, long>();   // job id -> its line: ids must be unique
        foreach (var row in CsvTraceRows.Read(path, ["id", "submit_s", "chips"]))
        {
            if (!checkedRuntimeColumns && !row.Has("runtime_s") && !row.Has("work_ref_chip_s"))
                throw new InputException(path, 1, "runtime_s", "a column 'runtime_s' or 'work_ref_chip_s' in the header", "neither");
            checkedRuntimeColumns = true;
            JobSpec job;
            try
            {
                job = Parse(row, options);
                if (job.Submit < lastSubmit)
                    throw row.Fields.Error("submit_s", $"submit times in increasing order (at least {lastSubmit.TotalSeconds})", job.Submit.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (!ids.TryAdd(job.Id.Value, row.Line))
                    throw row.Fields.Error("id", $"a job id used once (ids are unique; {job.Id.Value} is the id on line {ids[job.Id.Value]})", job.Id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (InputException e) when (options.SkipBad)
            {
                options.BadLines.Add(e);
                continue;
            }
            lastSubmit = job.Submit;
            yield return job;
        }
    }

    private static JobSpec Parse(CsvTraceRows.Row row, TraceReadOptions options)
    {
        var f = row.Fields;
        string? Get(string name) => row.Get(name);
        string Required(string name) => row.Required(name);

        long id = f.Integer("id", Required("id"), 0);
        double submitS = f.Seconds("submit_s", Required("submit_s"));
        int chips = f.Chips("chips", Required("chips"));
        double? runtime = Get("runtime_s") is { } r ? f.Seconds("runtime_s", r) : null;
        double? work = Get("work_ref_chip_s") is { } w ? f.Number("work_ref_chip_s", w, 0, TraceLimits.MaxSeconds * chips) : null;
        if (runtime is null && work is null) throw f.Error("runtime_s", "a runtime_s or work_ref_chip_s value", "neither");
        string? kindText = Get("kind");
        var kind = JobKind.Batch;
        if (kindText is not null && !Kinds.TryGetValue(kindText, out kind))
            throw f.Error("kind", "training, inference or batch", $"'{kindText}'");
        var targets = options.Targets;
        int? centre = Get("centre") is { } c ? targets is null ? (int)f.Integer("centre", c, 0, 100_000) : targets.Centre(f, "centre", c) : null;
        string? milliText = Get("chip_milli");
        int milli = milliText is null ? 1000 : (int)f.Integer("chip_milli", milliText, 1, 1000);
        if (milli < 1000 && chips != 1) throw f.Error("chip_milli", "1000 for a job of several chips (a share of one chip only with chips = 1)", milliText!);
        string? jobClass = Get("job_class");
        if (jobClass is not null && targets is not null) targets.CheckClass(f, "job_class", jobClass);
        string? chipModel = Get("chip_model");
        if (chipModel is not null && targets is not null) targets.CheckChips(f, "chip_model", chipModel);
        string? runtimeChip = runtime is null ? null : Get("runtime_chip");
        if (runtimeChip is not null && targets is not null) targets.CheckChips(f, "runtime_chip", runtimeChip, several: false);
        return new JobSpec(
            new JobId(id),
            SimTime.FromSeconds(submitS),
            Get("tenant") is { } t ? (int)f.Integer("tenant", t, 0, int.MaxValue) : 0,
            kind,
            jobClass ?? options.JobClass,
            chips,
            chipModel,
            Get("stack"),
            work ?? runtime!.Value * chips,
            Get("priority") is { } p ? (int)f.Integer("priority", p, int.MinValue, int.MaxValue) : 0,
            Get("data_region"),
            Get("data_gb") is { } d ? f.Number("data_gb", d, 0, TraceLimits.MaxDataGb) : 0,
            f.Boolean("restricted", Get("restricted") ?? ""),
            Get("demand_region"),
            Get("latency_limit_ms") is { } l ? f.Number("latency_limit_ms", l, 0, TraceLimits.MaxSeconds * 1000) : null,
            centre is null ? null : new CentreId(centre.Value),
            runtime,
            runtime is null ? null : runtimeChip ?? options.ChipModel,
            milli,
            MaxDelayS: Get("max_delay_s") is { } md ? f.Seconds("max_delay_s", md) : null,
            DataCentre: Get("data_centre"));
    }
}
