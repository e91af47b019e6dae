using ComputeScheduler.Model.Performance;

namespace ComputeScheduler.Workloads.Traces;

/// <summary>The trace readers by --format name, and detection of a file's format ("auto").</summary>
public static class TraceFormats
{
    public const string Auto = "auto";

    public static IReadOnlyList<string> Names =>
        [NativeTraceReader.FormatName, SwfTraceReader.FormatName, TiresiasTraceReader.FormatName, PhillyTraceReader.FormatName, GavelTraceReader.FormatName, OpenbPodReader.FormatName, AzureLlmTraceReader.FormatName];

    /// <param name="measured">The topology's measured throughput table: Gavel traces need it for their work.</param>
    /// <param name="mapping">Trace GPU names -> catalog chips, for GPU-model constraints (openb gpu_spec).</param>
    /// <param name="rates">Serving rates of a reference chip, for LLM request traces.</param>
    /// <param name="demandRegion">Demand region of an LLM request trace's requests.</param>
    public static ITraceReader Create(string format, MeasuredThroughputTable? measured = null, Topologies.ChipMapping? mapping = null,
        InferenceRates? rates = null, string? demandRegion = null) => format switch
    {
        AzureLlmTraceReader.FormatName => rates is null
            ? throw new InputException("--format azure-llm: expected --prefill-tokens-per-s and --decode-tokens-per-s (how fast one reference chip serves a request; no trace gives them), got none")
            : new AzureLlmTraceReader(rates, demandRegion),
        OpenbPodReader.FormatName => new OpenbPodReader(mapping),
        NativeTraceReader.FormatName => new NativeTraceReader(),
        SwfTraceReader.FormatName => new SwfTraceReader(),
        TiresiasTraceReader.FormatName => new TiresiasTraceReader(),
        PhillyTraceReader.FormatName => new PhillyTraceReader(),
        GavelTraceReader.FormatName => measured is null
            ? throw new InputException("--format gavel: expected a --topology whose performance section has gavelThroughputs (the work of Gavel jobs comes from them), got none")
            : new GavelTraceReader(GavelThroughputs.Load(measured.File), measured.ReferenceWorker),
        _ => throw new InputException($"--format: expected one of {Auto}, {string.Join(", ", Names)}, got '{format}'"),
    };

    /// <summary>The reader for <paramref name="format"/>, or the one that recognises the file when it is "auto".</summary>
    public static ITraceReader For(string path, string format, MeasuredThroughputTable? measured = null, Topologies.ChipMapping? mapping = null,
        InferenceRates? rates = null, string? demandRegion = null)
    {
        if (format != Auto) return Create(format, measured, mapping, rates, demandRegion);
        string? first;
        using (var text = TraceText.Open(path)) first = text.ReadLine();
        if (first is null) throw new InputException($"{path}: no jobs in file (the file is empty)");
        foreach (var name in Names)
        {
            if (name == GavelTraceReader.FormatName && measured is null) continue;
            if (name == AzureLlmTraceReader.FormatName && rates is null)
            {
                if (new AzureLlmTraceReader(new InferenceRates(1, 1), null).Recognises(path, first)) return Create(name);
                continue;
            }
            var reader = Create(name, measured, mapping, rates, demandRegion);
            if (reader.Recognises(path, first)) return reader;
        }
        throw new InputException($"{path}:1: cannot tell the trace format from its name or first line{NearMiss(first)}; tried {Tried(measured is not null)}; give --format");
    }

    /// <summary>The CSV formats told by their header, with the columns each needs (docs/traces.md).</summary>
    private static readonly (string Format, string[] Columns)[] CsvHeaders =
    [
        (NativeTraceReader.FormatName, ["id", "submit_s", "chips", "runtime_s or work_ref_chip_s"]),
        (TiresiasTraceReader.FormatName, ["job_id", "num_gpu", "submit_time", "duration"]),
        (OpenbPodReader.FormatName, ["name", "cpu_milli", "memory_mib", "num_gpu", "gpu_milli"]),
        (AzureLlmTraceReader.FormatName, ["TIMESTAMP", "ContextTokens", "GeneratedTokens"]),
    ];

    private static string Tried(bool gavel)
    {
        var tried = new List<string>
        {
            $"{NativeTraceReader.FormatName} (header starting 'id,' with submit_s)",
            $"{SwfTraceReader.FormatName} (a .swf or .swf.gz name, or a first line starting ';')",
            $"{TiresiasTraceReader.FormatName} (header starting 'job_id,num_gpu,submit_time')",
            $"{PhillyTraceReader.FormatName} (a philly*.json name, or a JSON array)",
        };
        tried.Add(gavel
            ? $"{GavelTraceReader.FormatName} (a .trace name and 10 tab-separated fields)"
            : $"{GavelTraceReader.FormatName} (not tried: it needs a topology with gavelThroughputs)");
        tried.Add($"{OpenbPodReader.FormatName} (header starting 'name,cpu_milli,memory_mib,num_gpu,gpu_milli')");
        tried.Add($"{AzureLlmTraceReader.FormatName} (header starting 'TIMESTAMP,ContextTokens,GeneratedTokens')");
        return string.Join(", ", tried);
    }

    /// <summary>For a first line that shares columns with a CSV format's header: which columns that format expects, and what is amiss.</summary>
    private static string NearMiss(string first)
    {
        char separator = first.Contains(',') ? ',' : first.Contains(';') ? ';' : first.Contains('\t') ? '\t' : ',';
        var columns = first.Split(separator).Select(c => c.Trim().Trim('"')).ToHashSet(StringComparer.Ordinal);
        string? best = null;
        string[] bestColumns = [];
        int bestHits = 0;
        foreach (var (format, expected) in CsvHeaders)
        {
            int hits = expected.Count(e => e.Split(" or ").Any(columns.Contains));
            if (hits > bestHits) (best, bestColumns, bestHits) = (format, expected, hits);
        }
        if (best is null) return "";
        string sep = separator == ',' ? "" : $", and its fields are separated by {(separator == '\t' ? "tabs" : $"'{separator}'")} where the CSV formats use ','";
        var missing = bestColumns.Where(e => !e.Split(" or ").Any(columns.Contains)).ToList();
        if (missing.Count == 0 && sep.Length == 0) return $" (it looks like a {best} header with its columns in another order: give --format {best})";
        string lacks = missing.Count == 0 ? "" : $" but lacks {string.Join(", ", missing)}";
        return $" (it looks like a {best} header{lacks}{sep}; {best} expects columns {string.Join(", ", bestColumns)})";
    }
}
