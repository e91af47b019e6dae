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
    MeasuredThroughputTable? Measured = null)
{
    private MemoryTable? _memory;

    /// <summary>Memory per chip a job of <paramref name="jobClass"/> needs, GB; 0 when its class gives none (or is unknown).</summary>
    public double MemoryPerChipGb(string jobClass)
    {
        // Built on first use for these classes (a copy made with 'with' and other classes builds its own).
        var table = _memory;
        if (table is null || !ReferenceEquals(table.Classes, Classes)) _memory = table = new MemoryTable(Classes);
        return table.ByClass.Count != 0 && table.ByClass.TryGetValue(jobClass, out double gb) ? gb : 0;
    }

    private sealed class MemoryTable(IReadOnlyList<JobClass> classes)
    {
        public IReadOnlyList<JobClass> Classes { get; } = classes;
        public Dictionary<string, double> ByClass { get; } = classes.Where(c => c.MemoryPerChipGb > 0)
            .ToDictionary(c => c.Name, c => c.MemoryPerChipGb, StringComparer.Ordinal);
    }

    /// <summary>Which software stacks a job built for another may be ported to, after what delay and at what throughput.</summary>
    public IReadOnlyList<Timeline.PortingRule> Porting { get; init; } = [];

    /// <summary>The porting rule from stack <paramref name="from"/> to <paramref name="to"/>, or null (also when the job needs no stack).</summary>
    public Timeline.PortingRule? PortingFrom(string? from, string to)
    {
        if (from is null) return null;
        foreach (var r in Porting)
            if (r.From == from && r.To == to) return r;
        return null;
    }
}
