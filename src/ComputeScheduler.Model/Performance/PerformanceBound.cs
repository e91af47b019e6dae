namespace ComputeScheduler.Model.Performance;

/// <summary>What limits a job class's speed on a chip when no measured throughput is given.</summary>
public enum PerformanceBound
{
    /// <summary>Dense matrix maths: speed follows peak BF16 TFLOPS.</summary>
    Compute,

    /// <summary>Memory-bound (e.g. LLM decode): speed follows memory bandwidth.</summary>
    MemoryBandwidth,
}
