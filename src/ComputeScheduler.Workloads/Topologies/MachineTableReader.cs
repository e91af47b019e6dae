using ComputeScheduler.Workloads.Traces;

namespace ComputeScheduler.Workloads.Topologies;

/// <summary>
/// Machine lists of public traces, as topology input (see docs/traces.md):
/// <list type="bullet">
/// <item><c>openb</c>: Alibaba GPU 2023 node lists, columns <c>sn</c>, <c>gpu</c>, <c>model</c>, <c>cpu_milli</c>, <c>memory_mib</c>.</item>
/// <item><c>pai</c>: Alibaba PAI 2020 <c>pai_machine_spec.csv</c>, columns <c>machine</c>, <c>gpu_type</c>, <c>cap_gpu</c>, <c>cap_cpu</c> (cores), <c>cap_mem</c> (GB, read as GiB).</item>
/// <item><c>spot</c>: Alibaba spot GPU 2026 <c>node_info_df.csv</c>, columns <c>node_name</c>, <c>gpu_model</c>, <c>gpu_capacity_num</c>, <c>cpu_num</c> (vCPUs).</item>
/// <item><c>philly</c>: Philly machine lists, columns <c>machineId</c>, <c>number of GPUs</c> and, when present,
/// <c>single GPU mem</c> (the GPU model is not disclosed: its memory, e.g. "12GB", stands as its name).</item>
/// <item><c>tiresias</c>: Tiresias cluster specs (<c>n32g4.csv</c>, ...), one row of <c>num_switch</c>,
/// <c>num_node_p_switch</c>, <c>num_gpu_p_node</c>: switches x nodes of that many GPUs, named "s{switch}-n{node}";
/// the GPU model is not given (its name is "tiresias").</item>
/// </list>
/// </summary>
public static class MachineTableReader
{
    public static IReadOnlyList<string> Formats => ["openb", "pai", "spot", "philly", "tiresias"];

    /// <summary>The format whose columns the header has.</summary>
    public static string Detect(string path)
    {
        string? header;
        using (var text = TraceText.Open(path)) header = text.ReadLine();
        var columns = (header ?? "").Split(',').Select(c => c.Trim()).ToHashSet(StringComparer.Ordinal);
        if (columns.Contains("sn") && columns.Contains("model")) return "openb";
        if (columns.Contains("gpu_type") && columns.Contains("cap_gpu")) return "pai";
        if (columns.Contains("gpu_model") && columns.Contains("gpu_capacity_num")) return "spot";
        if (columns.Contains("machineId")) return "philly";
        if (columns.Contains("num_switch") && columns.Contains("num_gpu_p_node")) return "tiresias";
        throw new InputException($"{path}:1: cannot tell the machine-list format from its header; give --machines-format ({string.Join(", ", Formats)})");
    }

    public static IEnumerable<TraceMachine> Read(string path, string format)
    {
        if (format == "tiresias") return ReadTiresias(path);
        return ReadRows(path, format);
    }

    private static IEnumerable<TraceMachine> ReadTiresias(string path)
    {
        foreach (var row in CsvTraceRows.Read(path, ["num_switch", "num_node_p_switch", "num_gpu_p_node"]))
        {
            var f = row.Fields;
            int switches = (int)f.Integer("num_switch", row.Required("num_switch"), 1, 10_000);
            int nodes = (int)f.Integer("num_node_p_switch", row.Required("num_node_p_switch"), 1, 100_000);
            int gpus = (int)f.Integer("num_gpu_p_node", row.Required("num_gpu_p_node"), 0, 64);
            for (int s = 0; s < switches; s++)
                for (int n = 0; n < nodes; n++)
                    yield return new TraceMachine($"s{s}-n{n}", "tiresias", gpus, Host(f, row, "num_cpu_p_node", 1000), Host(f, row, "mem_p_node", 1024));
        }
    }

    /// <summary>A CPU or memory column scaled to thousandths of a core or MiB; 0 when the list has no such column.</summary>
    private static long Host(TraceFields f, CsvTraceRows.Row row, string column, long scale)
        => column.Length == 0 || row.Get(column) is not { } text ? 0 : (long)Math.Round(f.Number(column, text, 0, 1e12) * scale);

    private static IEnumerable<TraceMachine> ReadRows(string path, string format)
    {
        var (name, model, gpus, cpu, cpuScale, mem, memScale) = format switch
        {
            "openb" => ("sn", "model", "gpu", "cpu_milli", 1, "memory_mib", 1),
            "pai" => ("machine", "gpu_type", "cap_gpu", "cap_cpu", 1000, "cap_mem", 1024),
            "spot" => ("node_name", "gpu_model", "gpu_capacity_num", "cpu_num", 1000, "", 0),
            "philly" => ("machineId", "single GPU mem", "number of GPUs", "", 0, "", 0),
            _ => throw new InputException($"--machines-format: expected one of {string.Join(", ", Formats)}, got '{format}'"),
        };
        string[] required = format == "philly" ? [name, gpus] : [name, model, gpus];
        foreach (var row in CsvTraceRows.Read(path, required))
        {
            int count = (int)row.Fields.Integer(gpus, row.Required(gpus), 0, 1024);
            string gpuModel = row.Get(model) ?? (count == 0 ? "" : format == "philly" ? "unknown" : throw row.Fields.Error(model, "a GPU model name", "an empty field"));
            yield return new TraceMachine(row.Required(name), gpuModel, count, Host(row.Fields, row, cpu, cpuScale), Host(row.Fields, row, mem, memScale));
        }
    }
}
