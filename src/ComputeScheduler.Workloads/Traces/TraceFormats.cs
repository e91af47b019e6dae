namespace ComputeScheduler.Workloads.Traces;

/// <summary>The trace readers by --format name, and detection of a file's format ("auto").</summary>
public static class TraceFormats
{
    public const string Auto = "auto";

    public static IReadOnlyList<string> Names => [NativeTraceReader.FormatName, SwfTraceReader.FormatName, TiresiasTraceReader.FormatName, PhillyTraceReader.FormatName];

    public static ITraceReader Create(string format) => format switch
    {
        NativeTraceReader.FormatName => new NativeTraceReader(),
        SwfTraceReader.FormatName => new SwfTraceReader(),
        TiresiasTraceReader.FormatName => new TiresiasTraceReader(),
        PhillyTraceReader.FormatName => new PhillyTraceReader(),
        _ => throw new InputException($"--format: expected one of {Auto}, {string.Join(", ", Names)}, got '{format}'"),
    };

    /// <summary>The reader for <paramref name="format"/>, or the one that recognises the file when it is "auto".</summary>
    public static ITraceReader For(string path, string format)
    {
        if (format != Auto) return Create(format);
        string? first;
        using (var text = TraceText.Open(path)) first = text.ReadLine();
        foreach (var name in Names)
        {
            var reader = Create(name);
            if (reader.Recognises(path, first)) return reader;
        }
        throw new InputException($"{path}:1: cannot tell the trace format from its name or first line; give --format ({string.Join(", ", Names)})");
    }
}
