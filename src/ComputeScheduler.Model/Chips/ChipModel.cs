namespace ComputeScheduler.Model.Chips;

/// <summary>
/// One accelerator model of the catalog. Figures are dense (no sparsity); each figure group
/// carries its source in <see cref="Sources"/> (key: compute, memory, bandwidth, interconnect, tdp).
/// </summary>
public sealed record ChipModel(
    string Id,
    string Vendor,
    string Model,
    ChipOrigin Origin,
    string SoftwareStack,
    bool IsExportControlled,
    double PeakBf16Tflops,
    double MemoryGib,
    double MemoryBandwidthTbps,
    double ScaleUpLinkGBps,
    double TdpW,
    IReadOnlyDictionary<string, string> Sources)
{
    /// <summary>Power of an installed chip with no job on it, W (0 when the catalog gives none).</summary>
    public double IdleW { get; init; }
}
