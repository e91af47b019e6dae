namespace ComputeScheduler.Model.Chips;

/// <summary>
/// One accelerator model of the catalog. Figures are dense (no sparsity); each figure group
/// carries its source in <see cref="Sources"/> (key: compute, memory, bandwidth, interconnect, tdp).
/// Units are in the names: <c>MemoryGb</c> in GB (1e9 bytes), <c>MemoryBandwidthTBps</c> in TB/s, <c>ScaleUpLinkGBps</c> in GB/s.
/// </summary>
public sealed record ChipModel(
    string Id,
    string Vendor,
    string Model,
    ChipOrigin Origin,
    string SoftwareStack,
    bool IsExportControlled,
    double PeakBf16Tflops,
    double MemoryGb,
    double MemoryBandwidthTBps,
    double ScaleUpLinkGBps,
    double TdpW,
    IReadOnlyDictionary<string, string> Sources)
{
    /// <summary>
    /// The share of <see cref="PeakBf16Tflops"/> published large training runs achieved on this chip's generation (model FLOPs
    /// utilisation, 0-1), or null when none is published: compute-bound throughput follows peak x this fraction.
    /// </summary>
    public double? TrainingMfu { get; init; }

    /// <summary>Power of an installed chip with no job on it, W (0 when the catalog gives none).</summary>
    public double IdleW { get; init; }
}
