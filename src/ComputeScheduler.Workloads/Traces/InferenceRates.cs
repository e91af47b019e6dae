namespace ComputeScheduler.Workloads.Traces;

/// <summary>
/// How fast one reference chip serves an LLM request: prompt tokens per second in the prefill
/// phase and generated tokens per second in the decode phase. No trace gives them: the user
/// states them (measured for their model and serving stack).
/// </summary>
public sealed record InferenceRates(double PrefillTokensPerS, double DecodeTokensPerS)
{
    /// <summary>Seconds one reference chip spends on a request.</summary>
    public double ServiceSeconds(long contextTokens, long generatedTokens)
        => contextTokens / PrefillTokensPerS + generatedTokens / DecodeTokensPerS;
}
