namespace ComputeScheduler.Model.Performance;

/// <summary>Parameters of the performance model (see Simulation's PerformanceModel for the formula).</summary>
/// <param name="ReferenceChip">Chip id whose throughput is 1.0 by definition.</param>
/// <param name="StackEfficiency">Software-stack maturity factor on throughput (cuda 1.0 when absent).</param>
/// <param name="ThroughputOverrides">Measured relative throughput for (class, chip id), replacing the derived one.</param>
/// <param name="ReferenceFabricGBpsPerChip">Fabric bandwidth at which a class's communication share is measured.</param>
/// <param name="Measured">A measured throughput table the classes and overrides were taken from, or null.</param>
public sealed record PerformanceSettings(
    string ReferenceChip,
    IReadOnlyDictionary<string, double> StackEfficiency,
    IReadOnlyList<JobClass> Classes,
    IReadOnlyDictionary<(string JobClass, string Chip), double> ThroughputOverrides,
    double ReferenceFabricGBpsPerChip,
    MeasuredThroughputTable? Measured = null);
