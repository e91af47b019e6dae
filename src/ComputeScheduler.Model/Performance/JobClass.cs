namespace ComputeScheduler.Model.Performance;

/// <summary>A class of jobs that share a throughput profile.</summary>
/// <param name="ScalingLossPerDoubling">Efficiency lost per doubling of chips: eff(n) = 1 / (1 + loss x log2 n).</param>
/// <param name="CommunicationShare">Share of a step spent communicating at the reference fabric; scales the locality penalty.</param>
public sealed record JobClass(string Name, PerformanceBound Bound, double ScalingLossPerDoubling, double CommunicationShare)
{
    /// <summary>Parallel efficiency on <paramref name="chips"/> chips: 1 / (1 + loss x log2 chips).</summary>
    public double ScalingEfficiency(int chips) => 1.0 / (1.0 + ScalingLossPerDoubling * Math.Log2(chips));

    /// <summary>
    /// Memory a job of the class needs on each of its chips, GB (1e9 bytes); 0 when not modelled (any chip holds it).
    /// A chip with less memory cannot take the job (<c>PoolMatch</c>).
    /// </summary>
    public double MemoryPerChipGb { get; init; }

    /// <summary>
    /// Average use of a busy chip by the class's jobs, 0-1: sets the power its chips and hosts draw between idle and full
    /// (<c>PerformanceModel.ChipPowerW</c>); 1 (the default) draws TDP and full host power.
    /// </summary>
    public double ChipUtilisation { get; init; } = 1;
}
