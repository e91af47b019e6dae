namespace ComputeScheduler.Workloads.Traces;

/// <summary>
/// The largest values a trace may give (docs/traces.md, "Limits"): anything beyond is refused at
/// read time, naming file, line and field, instead of overflowing the simulator's clock or
/// printing absurd statistics.
/// </summary>
public static class TraceLimits
{
    /// <summary>Times and durations (submit, runtime, delays): at most 100 years, in seconds.</summary>
    public const double MaxSeconds = 100 * 365.25 * 86_400;   // 3,155,760,000

    /// <summary>Chips (GPUs, processors) one job asks for.</summary>
    public const int MaxChips = 1_000_000;

    /// <summary>Work in reference chip-seconds: 100 years on each of <see cref="MaxChips"/> chips.</summary>
    public const double MaxWorkChipSeconds = MaxSeconds * MaxChips;

    /// <summary>CPU one job asks for on its server, thousandths of a core (1,000,000 cores).</summary>
    public const long MaxCpuMilli = 1_000_000_000;

    /// <summary>Memory one job asks for on its server, MiB (about 1 EiB).</summary>
    public const long MaxMemoryMib = 1L << 40;

    /// <summary>A job's input data, GB (1 EB).</summary>
    public const double MaxDataGb = 1e9;

    /// <summary>Tokens of one LLM request (prompt or generated).</summary>
    public const long MaxTokens = 1_000_000_000;
}
