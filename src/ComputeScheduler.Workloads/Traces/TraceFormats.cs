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
        throw new InputException($"{path}:1: cannot tell the trace format from its name or first line; give --format ({string.Join(", ", Names)})");
    }
}
