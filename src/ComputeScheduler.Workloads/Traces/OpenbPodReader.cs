using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Workloads.Topologies;

namespace ComputeScheduler.Workloads.Traces;

/// <summary>
/// Alibaba GPU 2023 "openb" pod lists (ATC'23 FGD; `data/alibaba-gpu-v2023-openb/openb_pod_list_*.csv`).
/// Mapping (docs/traces.md): row order -> id; creation_time -> submit (s); num_gpu -> chips;
/// gpu_milli (when num_gpu = 1 and below 1000) -> thousandths of one shared chip; gpu_spec (models
/// separated by '|') -> allowed chip models through the chip mapping; deletion_time - scheduled_time
/// -> observed runtime; cpu_milli, memory_mib -> CPU and memory on the pod's server (a pod of no GPU
/// is a CPU-only job). The derived pod lists are not in creation order, so the list is read whole
/// (at most ~10,000 pods) and ordered by creation time, ties in file order. For replay, pods never
/// scheduled in the trace (Pending: no scheduled_time) are left out and counted. Files without times (multigpu*) are demand samples: they can be
/// looked at (trace stats) but not replayed. With <see cref="TraceReadOptions.Everything"/> every
/// pod is returned (CPU-only with 0 chips, never-scheduled with no runtime), for statistics.
/// </summary>
public sealed class OpenbPodReader(ChipMapping? mapping = null) : ITraceReader
{
    public const string FormatName = "openb";

    public string Format => FormatName;

    public long SkippedNeverScheduled { get; private set; }

    public bool Recognises(string path, string? firstLine)
        => firstLine is not null && firstLine.StartsWith("name,cpu_milli,memory_mib,num_gpu,gpu_milli", StringComparison.Ordinal);

    public IEnumerable<JobSpec> Read(string path, TraceReadOptions options)
    {
        SkippedNeverScheduled = 0;
        long id = -1;
        bool? timed = null;
        var jobs = new List<JobSpec>();
        foreach (var row in CsvTraceRows.Read(path, ["name", "num_gpu", "gpu_milli"]))
        {
            id++;
            timed ??= row.Has("creation_time") && row.Has("deletion_time") && row.Has("scheduled_time");
            if (timed == false && !options.Everything)
                throw new InputException(path, 1, "creation_time", "a pod list with creation_time, deletion_time and scheduled_time to replay (this one is a demand sample; use trace stats)", "no such columns");
            JobSpec? job;
            try
            {
                job = Parse(row, id, timed.Value, options);
            }
            catch (InputException e) when (options.SkipBad)
            {
                options.BadLines.Add(e);
                continue;
            }
            if (job is not null) jobs.Add(job);
        }
        // Only the default list is sorted by creation time; the derived lists are not, and they are
        // small (at most ~10,000 pods): read whole, ordered by creation time, ties in file order.
        foreach (var job in jobs.OrderBy(j => j.Submit.Microseconds).ThenBy(j => j.Id.Value)) yield return job;
    }

    private JobSpec? Parse(CsvTraceRows.Row row, long id, bool timed, TraceReadOptions options)
    {
        var f = row.Fields;
        int gpus = (int)f.Integer("num_gpu", row.Required("num_gpu"), 0, 1024);
        int milli = (int)f.Integer("gpu_milli", row.Required("gpu_milli"), 0, 1000);
        double submit = 0;
        double? runtime = null;
        if (timed)
        {
            submit = f.Seconds("creation_time", row.Required("creation_time"));
            double deletion = f.Seconds("deletion_time", row.Required("deletion_time"));
            if (row.Get("scheduled_time") is { } s)
            {
                double scheduled = f.Seconds("scheduled_time", s, submit);
                if (deletion < scheduled) throw f.Error("deletion_time", $"a time not before scheduled_time {scheduled}", row.Required("deletion_time"));
                runtime = deletion - scheduled;
            }
        }
        if (timed && runtime is null && !options.Everything) { SkippedNeverScheduled++; return null; }
        bool shared = gpus == 1 && milli > 0 && milli < 1000;
        if (gpus > 0 && !shared && milli != 1000 && milli != 0)
            throw f.Error("gpu_milli", "1000 for a pod of several GPUs (a share of one GPU only with num_gpu = 1)", milli.ToString(System.Globalization.CultureInfo.InvariantCulture));
        string? models = Models(f, row.Get("gpu_spec"), options.Targets);
        double run = runtime ?? 0;
        long cpu = row.Get("cpu_milli") is { } c ? f.Integer("cpu_milli", c, 0, TraceLimits.MaxCpuMilli) : 0;
        long memory = row.Get("memory_mib") is { } m ? f.Integer("memory_mib", m, 0, TraceLimits.MaxMemoryMib) : 0;
        return new JobSpec(new JobId(id), SimTime.FromSeconds(submit), 0, JobKind.Batch, options.JobClass, gpus, models, null,
            run * gpus, 0, null, 0, false, null, null, null, runtime, options.ChipModel, shared ? milli : 1000, cpu, memory);
    }

    private string? Models(TraceFields f, string? spec, TraceTargets? targets)
    {
        if (spec is null) return null;
        if (mapping is null)
        {
            // Without a chip mapping the trace's GPU names are taken as catalog chips: for a run they must be.
            if (targets is not null)
                foreach (var model in spec.Split('|'))
                    if (!targets.HasChip(model))
                        throw f.Error("gpu_spec", $"GPU models of the scenario's catalog ({string.Join(", ", targets.ChipModels)}), or a chip mapping (--chip-map) from the trace's names", $"'{model}'");
            return spec;
        }
        var chips = new List<string>();
        foreach (var model in spec.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!mapping.TryMap(model, out string chip, out _)) throw f.Error("gpu_spec", "GPU models named in the chip mapping", $"'{model}'");
            if (!chips.Contains(chip)) chips.Add(chip);
        }
        if (chips.Count == 0) throw f.Error("gpu_spec", "GPU models separated by '|'", $"'{spec}'");
        return string.Join('|', chips);
    }
}
